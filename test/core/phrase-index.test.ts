import { describe, expect, it } from "vitest";
import { PhraseIndex } from "../../src/core/evidence/phrases.js";

const index = new PhraseIndex([
  ["result_cues", ["within * weeks", "after * months", "as a result"]],
  ["verbs", ["reduc*"]],
]);
const hits = (list: string, text: string) =>
  index
    .scan(text)
    .hits(list)
    .map((h) => h.text);

describe("the phrase index", () => {
  it("reads a * on its own as any one word", () => {
    expect(hits("result_cues", "Within six weeks the backlog was gone.")).toEqual(["Within six weeks"]);
    expect(hits("result_cues", "After 3 months, scrap held at 2%.")).toEqual(["After 3 months"]);
    // One word, not two and not none.
    expect(hits("result_cues", "Within two more weeks it was done.")).toEqual([]);
    expect(hits("result_cues", "Within weeks it was done.")).toEqual([]);
  });

  it("reads a trailing * as any ending, and plain words exactly", () => {
    expect(hits("verbs", "We reduced scrap, then a reduction in rework.")).toEqual(["reduced", "reduction"]);
    expect(hits("result_cues", "As a result, output rose.")).toEqual(["As a result"]);
    expect(hits("result_cues", "As results go, fine.")).toEqual([]);
  });
});
