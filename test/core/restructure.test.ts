import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractEvidence } from "../../src/core/evidence/extract.js";
import { restructureAnswer } from "../../src/core/feedback/restructure.js";
import { content } from "../helpers/grade.js";

const read = (answer: string) => extractEvidence({ answer, question: "" }, content.lexicon);

describe("your answer, restructured", () => {
  it("puts the candidate's own sentences in STAR order and marks the missing part", () => {
    const answer = [
      "I ran a Pareto on three months of scrap tags and found that 70% came from one worn die.",
      "Last spring I was the quality lead at a stamping plant in Dayton, where scrap on line 3 was running at 6%.",
      "I replaced the die and added a first-piece check to the setup sheet.",
      "In the end scrap on line 3 fell from 6% to 2% in two months, saving about $40,000 a quarter.",
    ].join(" ");
    const parts = restructureAnswer(read(answer), { baselineAndAfter: true });
    expect(parts.map((p) => p.part)).toEqual(["situation", "task", "action", "result"]);
    expect(parts[0]?.sentences[0]).toMatch(/^Last spring I was/);
    expect(parts[1]).toMatchObject({ sentences: [], placeholder: expect.stringMatching(/^\[Task:/) });
    expect(parts[2]?.sentences).toHaveLength(2);
    expect(parts[3]).toMatchObject({ placeholder: null });
    expect(parts[3]?.sentences[0]).toMatch(/^In the end scrap/);
  });

  it("drops the answer's own labels and asks for the figure when the result has none", () => {
    const answer =
      "Situation: Our warehouse kept missing the carrier cutoff.\nTask: I had to fix it.\nAction: I re-slotted the fast movers and moved the wave release.\nResult: Things got a lot better and the client was happy.";
    const parts = restructureAnswer(read(answer), { baselineAndAfter: false });
    expect(parts.map((p) => p.sentences[0])).toEqual([
      "Our warehouse kept missing the carrier cutoff.",
      "I had to fix it.",
      "I re-slotted the fast movers and moved the wave release.",
      "Things got a lot better and the client was happy.",
    ]);
    expect(parts[3]?.placeholder).toBe("[Result: add the figure, from [baseline] to [after]]");
  });

  it("invents nothing: every sentence it shows is the answer's own, each once", () => {
    const sentence = fc.constantFrom(
      "I mapped the flow with the shift leads.",
      "Our plant in Ohio was losing 300 hours a month to changeovers.",
      "My goal was to halve changeover time by June.",
      "Changeovers fell from 90 to 35 minutes.",
      "We moved the dies next to the press.",
      "It was a busy year.",
    );
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 8 }), (sentences) => {
        const answer = sentences.join(" ");
        const parts = restructureAnswer(read(answer), { baselineAndAfter: true });
        const shown = parts.flatMap((p) => p.sentences);
        for (const s of shown) expect(answer).toContain(s);
        expect(shown.length).toBeLessThanOrEqual(sentences.length);
        for (const p of parts) expect(p.sentences.length === 0).toBe(p.placeholder?.startsWith("[") ?? false);
      }),
    );
  });
});
