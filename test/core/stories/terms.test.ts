import { describe, expect, it } from "vitest";
import { storyFeatures } from "../../../src/core/stories/features.js";
import { keywordsIn } from "../../../src/core/stories/terms.js";

const found = (text: string, keywords: string[]) => keywordsIn(storyFeatures(text), keywords);

describe("keywords a story uses", () => {
  it("finds a phrase only where its words stand together, one small word apart at most", () => {
    expect(found("We had two lost-time injuries last year.", ["lost-time"])).toEqual(["lost-time"]);
    expect(found("We lost a lot of time on changeovers.", ["lost-time"])).toEqual([]);
    expect(found("We lost, in the end, more time than planned.", ["lost-time"])).toEqual([]);
    expect(found("I applied the hierarchy of controls to the guard.", ["hierarchy of controls"])).toEqual([
      "hierarchy of controls",
    ]);
  });
});
