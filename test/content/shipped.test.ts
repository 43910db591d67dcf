import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { CRITERIA } from "../../src/core/criteria.js";
import { LEVELS } from "../../src/core/levels.js";

const REQUIRED_COMPETENCIES = [
  "process-improvement",
  "quality",
  "supply-chain",
  "inventory",
  "scheduling",
  "cost",
  "analytics",
  "communication",
  "change",
  "leadership",
  "safety",
  "strategy",
  "customer",
];

describe("shipped content", () => {
  const { bank, rubric, lexicon } = shippedContent();

  it("loads every question file, with at least 120 questions", () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(120);
  });

  it("covers every competency the product promises", () => {
    expect(bank.competencies.map((c) => c.id).sort()).toEqual(expect.arrayContaining(REQUIRED_COMPETENCIES));
  });

  it("has questions at every level in most competencies", () => {
    for (const level of LEVELS) {
      const covered = bank.competencies.filter((c) => bank.filter({ level, competency: c.id }).length > 0);
      expect(covered.length, `competencies with ${level} questions`).toBeGreaterThanOrEqual(
        Math.ceil(bank.competencies.length * 0.75),
      );
    }
  });

  it("keeps strategy for senior and executive candidates", () => {
    expect(bank.filter({ level: "entry", competency: "strategy" })).toEqual([]);
    expect(bank.filter({ level: "executive", competency: "strategy" }).length).toBeGreaterThanOrEqual(5);
  });

  it("gives every question a probe for the numbers (result or data evidence)", () => {
    const without = bank.questions.filter(
      (q) => !q.probes.some((p) => p.target === "result" || p.target === "data_evidence"),
    );
    expect(without.map((q) => q.id)).toEqual([]);
  });

  it("prefixes each id consistently within a competency and asks about the past", () => {
    for (const c of bank.competencies) {
      const prefixes = new Set(bank.filter({ competency: c.id }).map((q) => q.id.split("-")[0]));
      expect(prefixes.size, c.id).toBe(1);
    }
    for (const q of bank.questions) expect(q.text, q.id).toMatch(/[.?]$/);
  });

  it("has no two questions with the same text", () => {
    const texts = bank.questions.map((q) => q.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("loads the rubric with six weighted criteria, five anchors each and four levels", () => {
    expect(rubric.criteria.map((c) => c.id)).toEqual([...CRITERIA]);
    for (const c of rubric.criteria) expect(c.anchors.map((a) => a.score)).toEqual([0, 1, 2, 3, 4]);
    expect(rubric.levels.map((l) => l.id)).toEqual([...LEVELS]);
    // A more senior level never expects less scope than the one below it.
    const expected = rubric.levels.map((l) => l.scope_signals_expected);
    expect([...expected].sort((a, b) => a - b)).toEqual(expected);
  });

  it("loads the lexicon with methods the issue names", () => {
    const ids = lexicon.methods.map((m) => m.id);
    for (const id of [
      "lean",
      "vsm",
      "5s",
      "kaizen",
      "dmaic",
      "root_cause",
      "five_whys",
      "fishbone",
      "pareto",
      "spc",
      "kanban",
      "erp",
      "mrp",
      "oee",
      "takt",
      "ab_test",
      "dashboard",
    ]) {
      expect(ids).toContain(id);
    }
  });
});
