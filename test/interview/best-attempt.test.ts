import { describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/core/criteria.js";
import type { Grade } from "../../src/core/grading/types.js";
import { scoresOf, summarize } from "../../src/core/interview/grade-summary.js";
import { createInterview, step } from "../../src/core/interview/machine.js";
import { progress, sessionReport, triesLine } from "../../src/core/interview/report.js";
import type { InterviewState } from "../../src/core/interview/types.js";
import type { ScoredAttempt } from "../../src/core/progress/attempts.js";
import { changeOf } from "../../src/core/progress/sessions.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";

const strong = grade(STRONG_ANSWER);
const weak = grade("We fixed the scheduling and things got much better.");

/** One question: a strong answer, then a weaker revision; a second question answered weakly. */
function session(): { state: InterviewState; grades: Map<string, Grade> } {
  let s = createInterview({
    id: "s1",
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
  apply({ type: "graded", attemptId: "a1", grade: summarize(strong), at: "2026-01-02T00:01:01.000Z" });
  apply({ type: "retry", attemptId: "a2", at: "2026-01-02T00:02:00.000Z" });
  apply({ type: "graded", attemptId: "a2", grade: summarize(weak), at: "2026-01-02T00:02:01.000Z" });
  apply({ type: "next", at: "2026-01-02T00:03:00.000Z" });
  apply({ type: "answer", attemptId: "b1", at: "2026-01-02T00:04:00.000Z" });
  apply({ type: "graded", attemptId: "b1", grade: summarize(weak), at: "2026-01-02T00:04:01.000Z" });
  apply({ type: "next", at: "2026-01-02T00:05:00.000Z" });
  return {
    state: s,
    grades: new Map([
      ["a1", strong],
      ["a2", weak],
      ["b1", weak],
    ]),
  };
}

describe("a report keeps the best attempt of a question", () => {
  it("a worse revision does not replace the better answer, and the attempts are listed", () => {
    expect(weak.overall).toBeLessThan(strong.overall);
    const { state, grades } = session();
    const report = sessionReport(state, grades, []);
    const [first] = report.questions;
    expect(first?.overall).toBe(strong.overall);
    expect(first?.scores).toEqual(scoresOf(strong));
    expect(first?.improvement).toBeNull();
    expect(first?.tries).toEqual([
      { attemptId: "a1", kind: "answer", overall: strong.overall, best: true },
      { attemptId: "a2", kind: "retry", overall: weak.overall, best: false },
    ]);
    expect(first && triesLine(first)).toBe(
      `answer ${strong.overall}/5 (counts), revision 1 ${weak.overall}/5`,
    );
    expect(report.questions[1] && triesLine(report.questions[1])).toBeNull();
    expect(report.overall).toBe(Math.round(((strong.overall + weak.overall) / 2) * 10) / 10);
  });

  it("counts a better revision, and says how much it gained", () => {
    const { state } = session();
    // The same two grades in the other order: the weak answer first, the strong revision second.
    const better = {
      ...state,
      items: state.items.map((i) => ({ ...i, attempts: [...i.attempts].reverse() })),
    };
    const report = sessionReport(better, new Map(), []);
    expect(report.questions[0]?.overall).toBe(strong.overall);
    expect(report.questions[0]?.improvement).toBe(strong.overall - weak.overall);
  });

  it("history's progress counts the same attempt, so its session average is the report's", () => {
    const { state, grades } = session();
    const report = sessionReport(state, grades, []);
    const points: ScoredAttempt[] = state.items.flatMap((item) =>
      item.attempts.map((a) => {
        const g = grades.get(a.attemptId) as Grade;
        return {
          attemptId: a.attemptId,
          questionId: item.questionId,
          competency: "inventory",
          sessionId: state.id,
          kind: a.kind,
          at: a.at,
          overall: g.overall,
          scores: scoresOf(g),
        };
      }),
    );
    const p = progress(points, ["inventory"]);
    expect(p.attempts).toBe(2);
    expect(p.overallTrend).toEqual([report.overall]);
    for (const c of CRITERIA) expect(p.trend[c]).toEqual([report.criteria[c]]);
    expect(p.competencies[0]).toEqual({ id: "inventory", attempts: 2, average: report.overall });
  });
});

describe("changeOf: the one definition of a change", () => {
  it("compares the latest value with the mean of the earlier ones, from the values as shown", () => {
    expect(changeOf([1, 2, 4])).toEqual({ latest: 4, earlier: 1.5, change: 2.5 });
    // Earlier mean 2.35 is shown as 2.4 (rounded once): the change is the difference of the shown numbers.
    expect(changeOf([2.2, 2.5, 3.1])).toEqual({ latest: 3.1, earlier: 2.4, change: 0.7 });
    expect(changeOf([3])).toEqual({ latest: 3, earlier: null, change: null });
    expect(changeOf([])).toEqual({ latest: null, earlier: null, change: null });
    expect(changeOf([2, null, 3])).toEqual({ latest: 3, earlier: 2, change: 1 });
  });
});
