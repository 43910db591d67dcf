import { describe, expect, it } from "vitest";
import { storyGapsForQuestion } from "../../../src/core/stories/gaps.js";
import { content, grade } from "../../helpers/grade.js";
import { LOCKOUT, PICK_PATH, PUMP_KAIZEN } from "./stories.js";

const firstOf = (competency: string) => {
  const q = content.bank.questions.find((x) => x.competency === competency);
  if (!q) throw new Error(`the bank has no ${competency} question`);
  return q;
};

describe("storyGapsForQuestion", () => {
  it("says when a story never touches the asked competency", () => {
    const gaps = storyGapsForQuestion(firstOf("safety"), { text: PUMP_KAIZEN }, content);
    expect(gaps[0]).toBe(
      "Nothing on safety yet: the question expects words like safety, incident or near miss.",
    );
  });

  it("names the question's and its follow-ups' terms the story leaves out", () => {
    const inventory = firstOf("inventory");
    const gaps = storyGapsForQuestion(inventory, { text: PICK_PATH }, content);
    expect(gaps.some((g) => g.includes('"record accuracy"'))).toBe(true);
  });

  it("asks for a result figure and the follow-ups a thin story invites", () => {
    const inventory = firstOf("inventory");
    const gaps = storyGapsForQuestion(
      inventory,
      { text: "I fixed our stock problem by counting more often and the team was happy." },
      content,
    );
    expect(gaps).toContain("No result figure: say how much changed, from what to what.");
    expect(gaps.filter((g) => g.startsWith("Be ready for: ")).length).toBeGreaterThan(0);
  });

  it("finds little missing in a story told for the question", () => {
    const gaps = storyGapsForQuestion(
      { text: "Tell me about a near miss you investigated.", competency: "safety" },
      { text: LOCKOUT },
      content,
    );
    expect(gaps).toEqual([]);
  });

  it("reads the grade when one is given", () => {
    const q = firstOf("safety");
    const g = grade(LOCKOUT, q.id);
    const gaps = storyGapsForQuestion(q, { text: LOCKOUT }, content, {
      ...g,
      flags: { ...g.flags, quantified_result: false },
      criteria: { ...g.criteria, result: { ...g.criteria.result, score: 1 } },
    });
    expect(gaps).toContain("No result figure: say how much changed, from what to what.");
    const resultProbe = q.probes.find((p) => p.target === "result");
    if (resultProbe) expect(gaps).toContain(`Be ready for: "${resultProbe.text}"`);
  });
});
