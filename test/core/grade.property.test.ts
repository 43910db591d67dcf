import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/core/criteria.js";
import { GradeSchema } from "../../src/core/grading/types.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";

const RESULT_SENTENCE =
  "As a result, order lead time fell from 14 days to 6 days, saving about $40,000 a year.";

/** Strings a user might paste: answer-like text, emoji, right-to-left scripts, control characters. */
const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "I mapped the process.",
    "We cut scrap by 30%.",
    "S:",
    "Result:",
    "- ",
    "\n",
    "\u202Eמספרים 14 → 6\u202C",
    "تحسين الجودة بنسبة 20%",
    "\u0000\u0007\u001B[31m",
    "🚚📦 lead time 😅",
    "from 12 days to 8, a 50% cut",
    "I would use DMAIC.",
    "@everyone",
    "e.g. vs. approx.",
    "$1.2M",
    "99999999999999999999%",
  ),
);
const answer = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(" "));

describe("offline grader properties", () => {
  it("gives a valid result for any string and never throws", () => {
    fc.assert(
      fc.property(answer, (text) => {
        const g = grade(text);
        GradeSchema.parse(g);
        for (const c of CRITERIA) for (const e of g.criteria[c].evidence) expect(text).toContain(e);
      }),
      { numRuns: 300 },
    );
  });

  it("handles 50,000 characters", () => {
    const long = `${STRONG_ANSWER}\n`.repeat(Math.ceil(50_000 / STRONG_ANSWER.length)).slice(0, 50_000);
    const g = grade(long);
    // Past the size limit (core/grading/limits.ts) the first 20,000 characters are graded, and it says so.
    expect(GradeSchema.parse(g).stats.words).toBeGreaterThan(3000);
    expect(g.notices[0]).toMatch(/50,000 characters long/);
    expect(g.tips.join(" ")).toMatch(/minutes spoken/);
  });

  it("never lowers result or data evidence when a quantified result sentence is added", () => {
    fc.assert(
      fc.property(answer, (text) => {
        const before = grade(text);
        const after = grade(`${text}\n${RESULT_SENTENCE}`);
        expect(after.criteria.result.score).toBeGreaterThanOrEqual(before.criteria.result.score);
        expect(after.criteria.data_evidence.score).toBeGreaterThanOrEqual(
          before.criteria.data_evidence.score,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same output for the same input", () => {
    fc.assert(
      fc.property(answer, (text) => {
        expect(grade(text)).toEqual(grade(text));
      }),
      { numRuns: 100 },
    );
  });
});
