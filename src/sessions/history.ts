import { CRITERIA, type CriterionId } from "../core/criteria.js";
import type { Grade } from "../core/grading/types.js";
import { scoresOf } from "../core/interview/grade-summary.js";
import type { AttemptPoint } from "../core/interview/report.js";
import type { PracticeHistory } from "../core/interview/select.js";
import type { AttemptRecord } from "../store/records.js";

type Graded = AttemptRecord<Grade> & { grade: Grade };

export const isGraded = (a: AttemptRecord<Grade>): a is Graded => a.grade !== null;

/** A follow-up's grade covers the whole answer; the first answer's own grade is superseded by it. */
export function finalAttempts(attempts: readonly AttemptRecord<Grade>[]): Graded[] {
  const superseded = new Set(attempts.filter((a) => a.combineWith).map((a) => a.combineWith));
  return attempts.filter(isGraded).filter((a) => !superseded.has(a.id));
}

export function toPoints(attempts: readonly AttemptRecord<Grade>[]): AttemptPoint[] {
  return finalAttempts(attempts).map((a) => ({
    questionId: a.questionId ?? a.id,
    competency: a.competency,
    sessionId: a.sessionId,
    at: a.createdAt,
    overall: a.grade.overall,
    scores: scoresOf(a.grade),
  }));
}

/** What question selection needs to know of a user: recent questions and weak spots. Newest first in. */
export function practiceHistory(attempts: readonly AttemptRecord<Grade>[]): PracticeHistory {
  const graded = finalAttempts(attempts);
  const byCompetency = new Map<string, number[]>();
  for (const a of graded)
    if (a.competency)
      byCompetency.set(a.competency, [...(byCompetency.get(a.competency) ?? []), a.grade.overall]);
  const competencyAverages = Object.fromEntries(
    [...byCompetency].map(([c, xs]) => [c, xs.reduce((x, y) => x + y, 0) / xs.length]),
  );
  const criterionAverages: Partial<Record<CriterionId, number>> = {};
  if (graded.length > 0) {
    for (const c of CRITERIA)
      criterionAverages[c] = graded.reduce((n, a) => n + a.grade.criteria[c].score, 0) / graded.length;
  }
  return {
    recentQuestionIds: attempts.map((a) => a.questionId).filter((q): q is string => q !== null),
    competencyAverages,
    criterionAverages,
  };
}
