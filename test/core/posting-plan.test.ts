import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { planForPosting, postingReason, REASON_MAX } from "../../src/core/interview/posting-plan.js";
import { seededRandom } from "../../src/core/interview/select.js";
import { MAX_QUESTIONS } from "../../src/core/interview/types.js";
import { LEVELS } from "../../src/core/levels.js";
import { analyzePosting } from "../../src/core/posting/analyze.js";
import type { RankedCompetency } from "../../src/core/posting/competencies.js";
import { ROOT } from "../helpers/run-cli.js";

const content = shippedContent();
const { bank } = content;
const noHistory = { recentQuestionIds: [], competencyAverages: {}, criterionAverages: {} };
const food = analyzePosting(
  readFileSync(join(ROOT, "test", "fixtures", "postings", "operations-manager-food.txt"), "utf8"),
  content,
);

const plan = (competencies: readonly RankedCompetency[], level = food.level, count = 3, seed = 1) =>
  planForPosting({
    competencies,
    questions: bank.questions,
    level,
    count,
    history: noHistory,
    avoidLast: 30,
    random: seededRandom(seed),
  });
const competencyOf = (id: string) => bank.get(id)?.competency;

describe("an interview for a job posting", () => {
  it("asks the strongest competencies first, one each, at the posting's level, with the posting's words", () => {
    const p = plan(food.competencies);
    const top = food.competencies.slice(0, 3).map((c) => c.id);
    expect(p.questions.map((q) => competencyOf(q.questionId))).toEqual(top);
    for (const q of p.questions) expect(bank.get(q.questionId)?.levels).toContain("mid");
    expect(p.questions[0]?.reason).toBe("The posting asks for quality, customer complaints and yield.");
    expect(p.focus).toEqual(food.competencies.slice(0, 5).map((c) => c.id));
  });

  it("spreads over every competency before asking one twice, quoting the next words the second time", () => {
    const two = food.competencies.slice(0, 2);
    const p = plan(two, "mid", 5);
    expect(p.questions.map((q) => competencyOf(q.questionId))).toEqual([
      two[0]?.id,
      two[1]?.id,
      two[0]?.id,
      two[1]?.id,
      two[0]?.id,
    ]);
    expect(p.questions.map((q) => q.reason)).toEqual([
      "The posting asks for quality, customer complaints and yield.",
      "The posting asks for supervisors, lead and Coach.",
      "The posting asks for food safety, GMP and HACCP.",
      "The posting asks for develop, team members and continuous improvement.",
      "The posting asks for quality, customer complaints and yield.",
    ]);
  });

  it("skips a competency with no question at the level", () => {
    const none = { id: "no-such-competency", weight: 0.5, evidence: ["widgets"] };
    const p = plan([none, ...food.competencies.slice(0, 2)]);
    expect(p.focus).not.toContain(none.id);
    expect(p.questions.map((q) => q.reason)).not.toContain("The posting asks for widgets.");
    expect(competencyOf(p.questions[0]?.questionId ?? "")).toBe(food.competencies[0]?.id);
  });

  it("fills from the whole level, without a reason, when the posting's competencies run out", () => {
    const one = food.competencies.slice(0, 1);
    const pool = bank.filter({ level: "mid", competency: one[0]?.id }).length;
    const p = plan(one, "mid", pool + 2);
    expect(p.questions).toHaveLength(pool + 2);
    expect(p.questions.slice(pool).map((q) => q.reason)).toEqual([null, null]);
  });

  it("is the same plan for the same random source", () => {
    expect(plan(food.competencies, "mid", 6, 42)).toEqual(plan(food.competencies, "mid", 6, 42));
  });

  it("keeps a reason to 300 characters, quoting the posting's words as they are", () => {
    expect(postingReason(["S&OP", "inventory accuracy"])).toBe(
      "The posting asks for S&OP and inventory accuracy.",
    );
    expect(postingReason(["OTIF"])).toBe("The posting asks for OTIF.");
    expect(postingReason([])).toBeNull();
    const long = postingReason(["a".repeat(200), "b".repeat(200), "c"]);
    expect(long).toBe(`The posting asks for ${"a".repeat(200)}.`);
    expect(postingReason(["x".repeat(400)])).toBeNull();
  });

  it("never asks more than asked, never repeats, stays at the level and in the posting (property)", () => {
    const ids = bank.competencies.map((c) => c.id);
    const ranked = fc
      .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: ids.length })
      .map((list) =>
        list.map(
          (id, i) => ({ id, weight: 1 / (i + 1), evidence: [`word ${i}`] }) satisfies RankedCompetency,
        ),
      );
    fc.assert(
      fc.property(
        ranked,
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 1, max: MAX_QUESTIONS }),
        fc.integer(),
        (competencies, level, count, seed) => {
          const p = plan(competencies, level, count, seed);
          const picked = p.questions.map((q) => q.questionId);
          expect(picked.length).toBeLessThanOrEqual(count);
          expect(new Set(picked).size).toBe(picked.length);
          for (const id of picked) expect(bank.get(id)?.levels).toContain(level);
          for (const q of p.questions) expect((q.reason ?? "").length).toBeLessThanOrEqual(REASON_MAX);
          const chosen = new Set(competencies.map((c) => c.id));
          const enough = bank.questions.filter(
            (q) => q.levels.includes(level) && chosen.has(q.competency),
          ).length;
          if (enough >= count) {
            expect(picked).toHaveLength(count);
            for (const id of picked) expect(chosen.has(competencyOf(id) ?? "")).toBe(true);
          }
          expect(p.focus.every((id) => chosen.has(id))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
