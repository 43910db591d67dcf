import { CRITERIA } from "../criteria.js";
import type { CriterionScoresMap } from "../interview/types.js";

/**
 * One graded attempt, as every screen that shows numbers sees it (the interview report, `history`, the
 * PNG chart, Discord's /progress): plain data, from the store or from a session's own state.
 */
export interface ScoredAttempt {
  attemptId: string;
  /** The bank id, or for a free-text question the attempt's own id. */
  questionId: string;
  competency: string | null;
  /** The interview it was given in; null for an answer outside one (grade, daily, group round). */
  sessionId: string | null;
  /** answer, follow_up (graded with the answer it follows), retry (a revision), single, group. */
  kind: string;
  at: string;
  overall: number;
  scores: CriterionScoresMap;
}

/** A question as it counts: its best attempt, and every attempt at it in order. */
export interface QuestionOutcome {
  questionId: string;
  competency: string | null;
  sessionId: string | null;
  best: ScoredAttempt;
  /** Every graded attempt at the question in its session, oldest first: the answer, follow-up, revisions. */
  tries: ScoredAttempt[];
}

const total = (s: CriterionScoresMap) => CRITERIA.reduce((n, c) => n + s[c], 0);

/**
 * The attempt that counts: the highest overall, then the highest criterion total; on a tie the earlier
 * one stays, so a revision replaces an attempt only when it is better.
 */
export function bestAttempt<T extends Pick<ScoredAttempt, "overall" | "scores">>(
  tries: readonly T[],
): T | null {
  let best: T | null = null;
  for (const t of tries) {
    if (
      best === null ||
      t.overall > best.overall ||
      (t.overall === best.overall && total(t.scores) > total(best.scores))
    )
      best = t;
  }
  return best;
}

const byTime = (a: ScoredAttempt, b: ScoredAttempt) => a.at.localeCompare(b.at);

/**
 * One outcome per question per interview (its attempts are revisions of one answer); an answer outside an
 * interview stands alone. Oldest first, by each question's first attempt.
 */
export function questionOutcomes(attempts: readonly ScoredAttempt[]): QuestionOutcome[] {
  const groups = new Map<string, ScoredAttempt[]>();
  for (const a of [...attempts].sort(byTime)) {
    const key = a.sessionId === null ? `attempt:${a.attemptId}` : `${a.sessionId}\u0000${a.questionId}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const out: QuestionOutcome[] = [];
  for (const tries of groups.values()) {
    const best = bestAttempt(tries);
    if (!best) continue;
    out.push({
      questionId: best.questionId,
      competency: tries.find((t) => t.competency !== null)?.competency ?? null,
      sessionId: best.sessionId,
      best,
      tries,
    });
  }
  return out;
}
