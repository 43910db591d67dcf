import { describe, expect, it } from "vitest";
import { italicSpans, POSTING_TOP, postingFit, storyUse } from "../../src/core/interview/story-use.js";
import { DISPATCH, KAIZEN, KAIZEN_RETOLD, UNRELATED } from "../helpers/stories.js";

const kaizen = {
  id: "k",
  title: "Pump line kaizen",
  text: KAIZEN,
  competencies: ["process-improvement", "scheduling"],
};
const dispatch = {
  id: "d",
  title: "Dispatch cutoff",
  text: DISPATCH,
  competencies: ["supply-chain", "analytics"],
};

describe("storyUse: which story each answer retold", () => {
  it("is null for a user without stories", () => {
    expect(storyUse([KAIZEN, null], [])).toBeNull();
  });

  it("names the story per question and warns when one answers most of the answers", () => {
    const [a, b, c] = KAIZEN_RETOLD;
    const use = storyUse([a, UNRELATED, b, DISPATCH, c], [kaizen, dispatch]);
    expect(use).toEqual({
      perQuestion: [
        { storyId: "k", title: "Pump line kaizen" },
        null,
        { storyId: "k", title: "Pump line kaizen" },
        { storyId: "d", title: "Dispatch cutoff" },
        { storyId: "k", title: "Pump line kaizen" },
      ],
      warnings: ["You used *Pump line kaizen* for 3 of 5 answers; interviewers notice."],
    });
  });

  it("counts only answered questions: a skipped one is no answer, and has no story", () => {
    const [a, b] = KAIZEN_RETOLD;
    const use = storyUse([a, null, b, null, UNRELATED], [kaizen, dispatch]);
    expect(use?.perQuestion[1]).toBeNull();
    expect(use?.warnings).toEqual(["You used *Pump line kaizen* for 2 of 3 answers; interviewers notice."]);
  });

  it("does not warn about a fair reuse: one story in two of five answers", () => {
    const [a, b] = KAIZEN_RETOLD;
    expect(storyUse([a, UNRELATED, b, DISPATCH, UNRELATED], [kaizen, dispatch])?.warnings).toEqual([]);
  });
});

describe("postingFit: the stories a posting's interview can use", () => {
  const safety = { id: "s", title: "Lockout audit", text: "x", competencies: ["safety"] };
  const broad = { id: "b", title: "Broad", text: "x", competencies: ["cost", "safety", "leadership"] };

  it("lists the fitting stories by overlap, then by the posting's stronger competencies, and what no story covers", () => {
    const posting = ["safety", "cost", "scheduling", "quality", "leadership", "inventory", "analytics"];
    const fit = postingFit(posting, [kaizen, dispatch, safety, broad]);
    expect(fit.fits).toEqual([
      { storyId: "b", title: "Broad", competencies: ["safety", "cost", "leadership"] },
      { storyId: "s", title: "Lockout audit", competencies: ["safety"] },
      { storyId: "k", title: "Pump line kaizen", competencies: ["scheduling"] },
    ]);
    // Analytics is the posting's seventh: past the top six, so the dispatch story does not fit.
    expect(POSTING_TOP).toBe(6);
    expect(fit.uncovered).toEqual(["quality", "inventory"]);
  });

  it("keeps the user's order between equal fits", () => {
    const a = { ...safety, id: "a", title: "A" };
    expect(postingFit(["safety"], [safety, a]).fits.map((f) => f.storyId)).toEqual(["s", "a"]);
  });

  it("with no stories, every competency of the posting's top six is uncovered, in its order", () => {
    expect(postingFit(["cost", "safety", "cost"], [])).toEqual({ fits: [], uncovered: ["cost", "safety"] });
  });
});

describe("italicSpans", () => {
  it("marks the markdown italics of a warning", () => {
    expect(italicSpans("You used *Pump_line* for 3 of 5 answers.")).toEqual([
      { text: "You used ", italic: false },
      { text: "Pump_line", italic: true },
      { text: " for 3 of 5 answers.", italic: false },
    ]);
  });
});
