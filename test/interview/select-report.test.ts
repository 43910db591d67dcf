import { describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { summarize } from "../../src/core/interview/grade-summary.js";
import { createInterview, step } from "../../src/core/interview/machine.js";
import { progress, sessionReport } from "../../src/core/interview/report.js";
import { seededRandom, selectQuestions } from "../../src/core/interview/select.js";
import { content, grade, STRONG_ANSWER } from "../helpers/grade.js";

const questions = content.bank.questions;
const noHistory = { recentQuestionIds: [], competencyAverages: {}, criterionAverages: {} };

describe("question selection", () => {
  it("picks by level and competency, without repeats", () => {
    const ids = selectQuestions({
      questions,
      level: "mid",
      competencies: ["inventory"],
      count: 4,
      history: noHistory,
      avoidLast: 20,
      random: seededRandom(1),
    });
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids)
      expect(content.bank.get(id)).toMatchObject({
        competency: "inventory",
        levels: expect.arrayContaining(["mid"]),
      });
  });

  it("avoids what the user saw in their last attempts while others remain", () => {
    const pool = content.bank.filter({ level: "entry", competency: "quality" }).map((q) => q.id);
    const seen = pool.slice(0, pool.length - 2);
    const ids = selectQuestions({
      questions,
      level: "entry",
      competencies: ["quality"],
      count: 2,
      history: { ...noHistory, recentQuestionIds: seen },
      avoidLast: 50,
      random: seededRandom(7),
    });
    expect(ids.sort()).toEqual(pool.slice(-2).sort());
    const more = selectQuestions({
      questions,
      level: "entry",
      competencies: ["quality"],
      count: 3,
      history: { ...noHistory, recentQuestionIds: seen },
      avoidLast: 50,
      random: seededRandom(7),
    });
    expect(more).toContain(seen[seen.length - 1]);
  });

  it("leans toward the competencies the user scores lowest in", () => {
    const history = {
      ...noHistory,
      competencyAverages: { inventory: 1.2, quality: 4.9, cost: 4.9, safety: 4.9 },
    };
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 300; seed++) {
      const [id] = selectQuestions({
        questions,
        level: "mid",
        competencies: ["inventory", "quality", "cost", "safety"],
        count: 1,
        history,
        avoidLast: 0,
        random: seededRandom(seed),
      });
      const c = content.bank.get(id ?? "")?.competency ?? "";
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.get("inventory") ?? 0).toBeGreaterThan(counts.get("quality") ?? 0);
    expect(counts.get("inventory") ?? 0).toBeGreaterThan(300 / 4);
  });

  it("is repeatable with the same seed", () => {
    const pick = () =>
      selectQuestions({
        questions,
        level: "senior",
        competencies: [],
        count: 5,
        history: noHistory,
        avoidLast: 0,
        random: seededRandom(42),
      });
    expect(pick()).toEqual(pick());
  });
});

describe("reports", () => {
  const weakGrade = grade("We fixed the scheduling and things got much better.");
  const strongGrade = grade(STRONG_ANSWER);

  it("summarizes a session: scores, strongest and weakest, improvements, change against earlier sessions", () => {
    let s = createInterview({
      id: "s2",
      userId: "u",
      config: {
        level: "entry",
        competencies: [],
        questionCount: 2,
        followUps: false,
        answerTimeLimitSec: null,
      },
      questionIds: ["q1", "q2"],
      at: "2026-01-02T00:00:00.000Z",
    }).state;
    const apply = (e: Parameters<typeof step>[1]) => {
      const r = step(s, e);
      if (!r.ok) throw r.error;
      s = r.state;
    };
    apply({ type: "answer", attemptId: "a1", at: "2026-01-02T00:01:00.000Z" });
    apply({ type: "graded", attemptId: "a1", grade: summarize(weakGrade), at: "2026-01-02T00:01:01.000Z" });
    apply({ type: "retry", attemptId: "a2", at: "2026-01-02T00:02:00.000Z" });
    apply({ type: "graded", attemptId: "a2", grade: summarize(strongGrade), at: "2026-01-02T00:02:01.000Z" });
    apply({ type: "next", at: "2026-01-02T00:03:00.000Z" });
    apply({ type: "answer", attemptId: "b1", at: "2026-01-02T00:04:00.000Z" });
    apply({ type: "graded", attemptId: "b1", grade: summarize(weakGrade), at: "2026-01-02T00:04:01.000Z" });
    apply({ type: "next", at: "2026-01-02T00:05:00.000Z" });
    const grades = new Map<string, Grade>([
      ["a1", weakGrade],
      ["a2", strongGrade],
      ["b1", weakGrade],
    ]);
    const previous = [
      {
        sessionId: "s1",
        finishedAt: "2026-01-01T00:00:00.000Z",
        overall: 2,
        criteria: { situation: 1, task: 1, action: 1, result: 1, data_evidence: 1, ownership: 1 },
      },
    ];
    const report = sessionReport(s, grades, previous);
    expect(report.questions.map((q) => [q.questionId, q.overall, q.improvement])).toEqual([
      ["q1", strongGrade.overall, strongGrade.overall - weakGrade.overall],
      ["q2", weakGrade.overall, null],
    ]);
    expect(report.overall).toBe((strongGrade.overall + weakGrade.overall) / 2);
    expect(report.strongest).not.toBeNull();
    expect(report.weakest).not.toBe(report.strongest);
    expect(report.improvements.length).toBeGreaterThan(0);
    expect(report.improvements.length).toBeLessThanOrEqual(3);
    expect(report.change?.overall).toBe((report.overall ?? 0) - 2);
  });

  it("shows progress: a trend per criterion, coverage, and the next focus", () => {
    const p = progress(
      [
        {
          attemptId: "a",
          kind: "answer",
          questionId: "a",
          competency: "inventory",
          sessionId: "s1",
          at: "2026-01-01T00:00:00.000Z",
          overall: 2,
          scores: { situation: 1, task: 1, action: 2, result: 1, data_evidence: 0, ownership: 2 },
        },
        {
          attemptId: "b",
          kind: "answer",
          questionId: "b",
          competency: "inventory",
          sessionId: "s2",
          at: "2026-01-08T00:00:00.000Z",
          overall: 4,
          scores: { situation: 3, task: 3, action: 3, result: 3, data_evidence: 2, ownership: 3 },
        },
        {
          attemptId: "c",
          kind: "answer",
          questionId: "c",
          competency: "quality",
          sessionId: "s2",
          at: "2026-01-08T00:01:00.000Z",
          overall: 2,
          scores: { situation: 2, task: 2, action: 2, result: 1, data_evidence: 1, ownership: 2 },
        },
      ],
      ["inventory", "quality", "safety"],
    );
    expect(p.trend.result).toEqual([1, 2]);
    expect(p.direction.result).toBe(1);
    expect(p.competencies).toEqual([
      { id: "inventory", attempts: 2, average: 3 },
      { id: "quality", attempts: 1, average: 2 },
      { id: "safety", attempts: 0, average: null },
    ]);
    expect(p.weakestCriterion).toBe("data_evidence");
    expect(p.nextFocus).toEqual({ competency: "quality", criterion: "data_evidence" });
  });
});
