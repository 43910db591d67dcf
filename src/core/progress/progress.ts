import { CRITERIA, type CriterionId } from "../criteria.js";
import { type QuestionOutcome, questionOutcomes, type ScoredAttempt } from "./attempts.js";
import { averagesOf, compare, mean, type SessionPoint, sessionPoints } from "./sessions.js";

export interface Progress {
  /** Graded answers: each question of an interview once (by its best attempt), each single answer once. */
  attempts: number;
  /** Interviews with at least one graded answer. */
  sessions: number;
  /** Each session's averages (an interview, or a day's answers outside one), oldest first. */
  points: SessionPoint[];
  /** Per criterion, each session's average, oldest first: `points` by criterion. */
  trend: Record<CriterionId, number[]>;
  /** Each session's average overall (1–5), oldest first. */
  overallTrend: number[];
  /** The latest session against the mean of the earlier ones, per criterion; null with one session. */
  direction: Record<CriterionId, number | null>;
  /** The same for the overall. */
  overallChange: number | null;
  competencies: Array<{ id: string; attempts: number; average: number | null }>;
  weakestCriterion: CriterionId | null;
  nextFocus: { competency: string | null; criterion: CriterionId | null } | null;
}

/** The criterion with the highest (or, with `lowest`, the lowest) value; ties go to the rubric's order. */
export function extreme(
  values: Readonly<Record<CriterionId, number | null>>,
  which: "highest" | "lowest",
): CriterionId | null {
  let best: CriterionId | null = null;
  for (const c of CRITERIA) {
    const v = values[c];
    if (v === null) continue;
    const current = best === null ? null : values[best];
    if (current === null || current === undefined || (which === "highest" ? v > current : v < current))
      best = c;
  }
  return best;
}

function byCompetency(outcomes: readonly QuestionOutcome[], allCompetencies: readonly string[]) {
  const groups = new Map<string, QuestionOutcome[]>();
  for (const o of outcomes)
    if (o.competency) groups.set(o.competency, [...(groups.get(o.competency) ?? []), o]);
  return allCompetencies.map((id) => ({
    id,
    attempts: groups.get(id)?.length ?? 0,
    average: mean((groups.get(id) ?? []).map((o) => o.best.overall)),
  }));
}

/** Progress over time from graded attempts: trends, the latest change, coverage, what to practise next. */
export function progress(attempts: readonly ScoredAttempt[], allCompetencies: readonly string[]): Progress {
  const outcomes = questionOutcomes(attempts);
  const points = sessionPoints(attempts);
  const trend = Object.fromEntries(CRITERIA.map((c) => [c, points.map((p) => p.criteria[c])])) as Record<
    CriterionId,
    number[]
  >;
  const latest = points.at(-1);
  const change = latest ? compare(points.slice(0, -1), latest) : null;
  const direction = Object.fromEntries(
    CRITERIA.map((c) => [c, change?.criteria[c].change ?? null]),
  ) as Record<CriterionId, number | null>;
  const competencies = byCompetency(outcomes, allCompetencies);
  const weakestCriterion = extreme(averagesOf(outcomes)?.criteria ?? emptyCriteria(), "lowest");
  // Next focus: a competency scoring under 3 first, else one never practised, else the lowest-scoring one.
  const untried = competencies.find((c) => c.attempts === 0);
  const lowest = [...competencies]
    .filter((c) => c.average !== null)
    .sort((a, b) => (a.average ?? 0) - (b.average ?? 0))[0];
  const competency =
    lowest && lowest.average !== null && lowest.average < 3 ? lowest.id : (untried?.id ?? lowest?.id ?? null);
  return {
    attempts: outcomes.length,
    sessions: points.filter((p) => p.sessionId !== null).length,
    points,
    trend,
    overallTrend: points.map((p) => p.overall),
    direction,
    overallChange: change?.overall.change ?? null,
    competencies,
    weakestCriterion,
    nextFocus: outcomes.length === 0 ? null : { competency, criterion: weakestCriterion },
  };
}

function emptyCriteria(): Record<CriterionId, null> {
  return Object.fromEntries(CRITERIA.map((c) => [c, null])) as Record<CriterionId, null>;
}
