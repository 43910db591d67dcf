import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/core/criteria.js";
import { limitAnswer, MAX_ANSWER_CHARS, truncatedNotice } from "../../src/core/grading/limits.js";
import { content, grade } from "../helpers/grade.js";
import { fill, RUNS, unit } from "../helpers/quadratic-shapes.js";

/**
 * Long answers of every shape: graded whole up to the size limit, past it a prefix with a notice, and the
 * evidence always quoted from the answer. How long grading takes as the text grows (linear, not the
 * quadratic of a backtracking expression) is measured by `npm run bench:linear` (bench/linear.ts), on the
 * same shapes: a time is no test of a busy machine's run.
 */

/** An answer of a given length: a unit repeated (sentences, one long line…), or a head and one long run. */
type Shape = { name: string; make: (chars: number) => string };
const shape: fc.Arbitrary<Shape> = fc.oneof(
  unit.map((u) => ({ name: `repeat ${JSON.stringify(u)}`, make: (n: number) => fill(u, n) })),
  fc.tuple(unit, fc.constantFrom(...RUNS)).map(([head, run]) => ({
    name: `${JSON.stringify(head)} then a run of ${JSON.stringify(run)}`,
    make: (n: number) => head + fill(run, Math.max(0, n - head.length)),
  })),
);

/** The grade of a long answer: whole up to the limit, else a prefix and a notice; evidence from it. */
function expectGraded(answer: string) {
  const g = grade(answer);
  const notice = g.notices.find((n) => n.includes("characters long"));
  if (answer.length > MAX_ANSWER_CHARS) {
    expect(notice).toContain(`${answer.length.toLocaleString("en-US")} characters long`);
  } else {
    expect(notice).toBeUndefined();
  }
  expect(g.overall).toBeGreaterThanOrEqual(1);
  for (const c of CRITERIA) for (const quote of g.criteria[c].evidence) expect(answer).toContain(quote);
  return g;
}

describe("long answers of any shape", () => {
  it("are graded, whole up to the limit and a prefix past it, for answers of 1 to 100 KB", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 100 }), ({ make }, kb) => {
        expectGraded(make(kb * 1024));
      }),
      { numRuns: 8 },
    );
  });

  // Each of these took seconds (a minute at 100 KB) before: backtracking on a run of one character, "I'd"
  // and a participle (the next word was read by slicing the rest of the sentence per hit), a money sign
  // or "million" before a run of digits (tried from every digit). bench/linear.ts times them.
  const LINE = "I mapped the flow with the leads and we saw the waits ".repeat(4);
  it.each([
    ["a run of ! without a space after it", "I ran it ", "!"],
    ["a run of spaces in a long line", LINE, " "],
    ["a run of tabs in a long line", LINE, "\t"],
    ["a run of digits", "from 1 to 2 ", "7"],
    ["a run of letters after a number", "from 1 to 2 3", "a"],
    ["one long line without punctuation", "", "I mapped the flow and we cut the wait "],
    ["I'd been … again and again", "", "I'd been there and "],
    ["a sum of money, then a run of digits", "We spent $5 on it ", "7"],
    ["a million, then a run of digits", "a million ", "7"],
  ])("grades an answer with %s up to the limit, and cuts 1 MB of it with a notice", (_, head, run) => {
    const make = (n: number) => head + fill(run, n - head.length);
    expectGraded(make(MAX_ANSWER_CHARS));
    const g = expectGraded(make(1024 * 1024));
    expect(g.notices[0]).toContain("1,048,576 characters long");
  });
});

describe("the answer size limit", () => {
  it("grades an answer up to the limit whole, with no notice", () => {
    const answer = fill("I mapped the pick path and cut the wait by 30%. ", MAX_ANSWER_CHARS);
    expect(limitAnswer(answer)).toEqual({ text: answer, truncated: false, chars: MAX_ANSWER_CHARS });
    expect(grade(answer).notices.join(" ")).not.toContain("characters long");
  });

  it("cuts a longer one at the end of a sentence, and the grade says where", () => {
    const answer = fill("I mapped the pick path and cut the wait by 30%. ", MAX_ANSWER_CHARS + 5_000);
    const limited = limitAnswer(answer);
    expect(limited.truncated).toBe(true);
    expect(answer.startsWith(limited.text)).toBe(true);
    expect(limited.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(limited.text.length).toBeGreaterThan(MAX_ANSWER_CHARS - 100);
    expect(limited.text.endsWith("30%.")).toBe(true);
    const g = grade(answer);
    expect(g.notices[0]).toContain("25,000 characters long");
    expect(g.notices[0]).toContain("at most 20,000");
    expect(g.notices[0]).toContain(`first ${limited.text.length.toLocaleString("en-US")} characters`);
    expect(g.stats.words).toBeGreaterThan(3000);
  });

  it("falls back to a line break or a space, and never splits an emoji", () => {
    const lines = fill("I mapped the pick path and cut the wait\n", MAX_ANSWER_CHARS + 100);
    expect(limitAnswer(lines).text.endsWith("cut the wait")).toBe(true);
    const emoji = fill("🚚", MAX_ANSWER_CHARS + 101);
    const cut = limitAnswer(emoji).text;
    expect(cut.length).toBe(MAX_ANSWER_CHARS);
    expect(emoji.startsWith(cut) && cut.endsWith("🚚")).toBe(true);
    const odd = `x${emoji}`;
    expect(limitAnswer(odd).text.length).toBe(MAX_ANSWER_CHARS - 1);
  });

  it("fills every placeholder of the shipped notice", () => {
    const limited = limitAnswer("word ".repeat(5_000));
    expect(truncatedNotice(content.feedback.notices.truncated, limited)).not.toMatch(/[{}]/);
  });
});
