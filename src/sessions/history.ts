import { CRITERIA, type CriterionId } from "../core/criteria.js";
import type { PracticeHistory } from "../core/interview/select.js";
import type { InterviewState } from "../core/interview/types.js";
import { questionOutcomes, type ScoredAttempt } from "../core/progress/attempts.js";
import { mean, type SessionPoint, sessionPoints } from "../core/progress/sessions.js";
import type { AttemptSummary } from "../store/records.js";

/**
 * The leaderboard's reading of attempts: a follow-up's grade covers the whole answer, so each answer a
 * follow-up was graded together with is dropped (Store.guildStandings does the same in SQL). Progress
 * screens count each question's best attempt instead.
 */
export function withoutSuperseded<A extends { id: string; combineWith: string | null }>(
  attempts: readonly A[],
): A[] {
  const superseded = new Set(attempts.filter((a) => a.combineWith).map((a) => a.combineWith));
  return attempts.filter((a) => !superseded.has(a.id));
}

/** The scored attempts among stored summaries (Store.listAttemptSummaries), as progress functions read them. */
export function summaryPoints(summaries: readonly AttemptSummary[]): ScoredAttempt[] {
  return summaries.flatMap((a) =>
    a.score
      ? [
          {
            attemptId: a.id,
            questionId: a.questionId ?? a.id,
            competency: a.competency,
            sessionId: a.sessionId,
            kind: a.kind,
            at: a.createdAt,
            overall: a.score.overall,
            scores: a.score.scores,
          },
        ]
      : [],
  );
}

/**
 * The sessions before `state` in the user's history, oldest first, with the averages `history` shows for
 * them: what a session's report compares it with.
 */
export function earlierSessions(
  scored: readonly ScoredAttempt[],
  state: Pick<InterviewState, "id" | "createdAt">,
): SessionPoint[] {
  const points = sessionPoints(scored);
  const index = points.findIndex((p) => p.sessionId === state.id);
  return index >= 0 ? points.slice(0, index) : points.filter((p) => p.startedAt < state.createdAt);
}

/** What question selection needs to know of a user: recent questions and weak spots. Newest first in. */
export function practiceHistory(attempts: readonly AttemptSummary[]): PracticeHistory {
  const outcomes = questionOutcomes(summaryPoints(attempts));
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
