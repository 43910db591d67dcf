import { CRITERIA, type CriterionId } from "../criteria.js";
import { type QuestionOutcome, questionOutcomes, type ScoredAttempt } from "./attempts.js";

/**
 * The one place numbers of progress are computed. Every average is shown to one decimal, and everything
 * derived from an average (an average of averages, a change) is computed from the shown value, so the
 * numbers on a screen always add up: a change is the difference of the two numbers it compares.
 */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The mean to one decimal; null for no values. */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length);
}

export type CriterionAverages = Record<CriterionId, number | null>;

/** Averages of one session: an interview, or a day's answers outside an interview. */
export interface SessionPoint {
  /** The interview's id, or `day:YYYY-MM-DD` (UTC) for answers outside an interview. */
  key: string;
  sessionId: string | null;
  /** When its first answer was given: sessions are ordered by it. */
  startedAt: string;
  /** Questions answered: each counts once, by its best attempt. */
  answers: number;
  /** The mean of the best attempts' overall (1–5), and of their criterion scores (0–4). */
  overall: number;
  criteria: Record<CriterionId, number>;
}

/** The averages of a set of question outcomes (each by its best attempt); null when there are none. */
export function averagesOf(
  outcomes: readonly { best: Pick<ScoredAttempt, "overall" | "scores"> }[],
): { overall: number; criteria: Record<CriterionId, number> } | null {
  const overall = mean(outcomes.map((o) => o.best.overall));
  if (overall === null) return null;
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => [c, mean(outcomes.map((o) => o.best.scores[c])) ?? 0]),
  ) as Record<CriterionId, number>;
  return { overall, criteria };
}

export function sessionKey(a: Pick<ScoredAttempt, "sessionId" | "at">): string {
  return a.sessionId ?? `day:${a.at.slice(0, 10)}`;
}

/** The user's sessions with their averages, oldest first. */
export function sessionPoints(attempts: readonly ScoredAttempt[]): SessionPoint[] {
  const groups = new Map<string, QuestionOutcome[]>();
  for (const o of questionOutcomes(attempts)) {
    const key = sessionKey(o.tries[0] ?? o.best);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const points: SessionPoint[] = [];
  for (const [key, outcomes] of groups) {
    const averages = averagesOf(outcomes);
    if (!averages) continue;
    const startedAt = outcomes.map((o) => o.tries[0]?.at ?? o.best.at).sort()[0] ?? "";
    points.push({
      key,
      sessionId: outcomes[0]?.sessionId ?? null,
      startedAt,
      answers: outcomes.length,
      ...averages,
    });
  }
  return points.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.key.localeCompare(b.key));
}

/** The latest value against the mean of the earlier ones. */
export interface Change {
  latest: number | null;
  /** The mean of the earlier values; null when there are none. */
  earlier: number | null;
  /** `latest - earlier`; null when either is missing. */
  change: number | null;
}

/**
 * The one definition of "change" on every screen: a series' last value (the latest session) against the
 * mean of the values before it (the earlier sessions). Missing values are left out of the mean.
 */
export function changeOf(values: readonly (number | null | undefined)[]): Change {
  const latest = values.at(-1) ?? null;
  const earlier = mean(values.slice(0, -1).filter((v): v is number => typeof v === "number"));
  return {
    latest,
    earlier,
    change: latest !== null && earlier !== null ? round1(latest - earlier) : null,
  };
}

export interface Comparison {
  overall: Change;
  criteria: Record<CriterionId, Change>;
}

/** A session's averages against the earlier sessions', overall and per criterion. */
export function compare(
  earlier: readonly { overall: number | null; criteria: Readonly<Record<CriterionId, number | null>> }[],
  latest: { overall: number | null; criteria: Readonly<Record<CriterionId, number | null>> },
): Comparison {
  const series = [...earlier, latest];
  return {
    overall: changeOf(series.map((s) => s.overall)),
    criteria: Object.fromEntries(
      CRITERIA.map((c) => [c, changeOf(series.map((s) => s.criteria[c]))]),
    ) as Record<CriterionId, Change>,
  };
}
