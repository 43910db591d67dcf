import { CRITERIA, type CriterionId } from "../core/criteria.js";
import type { Grade } from "../core/grading/types.js";
import { scoresOf } from "../core/interview/grade-summary.js";
import type { PracticeHistory } from "../core/interview/select.js";
import type { InterviewState } from "../core/interview/types.js";
import { questionOutcomes, type ScoredAttempt } from "../core/progress/attempts.js";
import { mean, type SessionPoint, sessionPoints } from "../core/progress/sessions.js";
import type { AttemptRecord } from "../store/records.js";

type Graded = AttemptRecord<Grade> & { grade: Grade };

export const isGraded = (a: AttemptRecord<Grade>): a is Graded => a.grade !== null;

/**
 * The leaderboard's reading of attempts: a follow-up's grade covers the whole answer, so the first
 * answer's own grade is superseded by it. Progress screens use `toPoints` and count each question's best
 * attempt instead.
 */
export function finalAttempts(attempts: readonly AttemptRecord<Grade>[]): Graded[] {
  return withoutSuperseded(attempts.filter(isGraded));
}

/** Drops each answer that a follow-up graded together with it supersedes. */
export function withoutSuperseded<A extends { id: string; combineWith: string | null }>(
  attempts: readonly A[],
): A[] {
  const superseded = new Set(attempts.filter((a) => a.combineWith).map((a) => a.combineWith));
  return attempts.filter((a) => !superseded.has(a.id));
}

/** Every graded attempt as the progress functions (src/core/progress/) read them. */
export function toPoints(attempts: readonly AttemptRecord<Grade>[]): ScoredAttempt[] {
  return attempts.filter(isGraded).map((a) => ({
    attemptId: a.id,
    questionId: a.questionId ?? a.id,
    competency: a.competency,
    sessionId: a.sessionId,
    kind: a.kind,
    at: a.createdAt,
    overall: a.grade.overall,
    scores: scoresOf(a.grade),
  }));
}

/**
 * The sessions before `state` in the user's history, oldest first, with the averages `history` shows for
 * them: what a session's report compares it with.
 */
export function earlierSessions(
  attempts: readonly AttemptRecord<Grade>[],
  state: Pick<InterviewState, "id" | "createdAt">,
): SessionPoint[] {
  const points = sessionPoints(toPoints(attempts));
  const index = points.findIndex((p) => p.sessionId === state.id);
  return index >= 0 ? points.slice(0, index) : points.filter((p) => p.startedAt < state.createdAt);
}

/** What question selection needs to know of a user: recent questions and weak spots. Newest first in. */
export function practiceHistory(attempts: readonly AttemptRecord<Grade>[]): PracticeHistory {
  const outcomes = questionOutcomes(toPoints(attempts));
  const byCompetency = new Map<string, number[]>();
  for (const o of outcomes)
    if (o.competency)
      byCompetency.set(o.competency, [...(byCompetency.get(o.competency) ?? []), o.best.overall]);
  const competencyAverages = Object.fromEntries([...byCompetency].map(([c, xs]) => [c, mean(xs) ?? 0]));
  const criterionAverages: Partial<Record<CriterionId, number>> = {};
  if (outcomes.length > 0)
    for (const c of CRITERIA) criterionAverages[c] = mean(outcomes.map((o) => o.best.scores[c])) ?? 0;
  return {
    recentQuestionIds: attempts.map((a) => a.questionId).filter((q): q is string => q !== null),
    competencyAverages,
    criterionAverages,
  };
}
