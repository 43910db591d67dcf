import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Grade } from "../grading/types.js";
import type { CriterionScoresMap, InterviewState, Item } from "./types.js";

export type CriterionAverages = Record<CriterionId, number | null>;

export interface QuestionResult {
  questionId: string;
  overall: number | null;
  scores: CriterionScoresMap | null;
  skipped: boolean;
  attempts: number;
  /** First graded attempt to final one: how much a retry or follow-up moved the overall. */
  improvement: number | null;
}

export interface SessionSummary {
  sessionId: string;
  finishedAt: string;
  overall: number | null;
  criteria: CriterionAverages;
}

export interface SessionReport extends SessionSummary {
  level: string;
  endedBy: string | null;
  questions: QuestionResult[];
  strongest: CriterionId | null;
  weakest: CriterionId | null;
  /** The three most useful improvements: what the answers missed most often. */
  improvements: string[];
  /** Against the average of the user's previous sessions; null when there are none. */
  change: { overall: number | null; criteria: CriterionAverages } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length);
}

function finalAttempt(item: Item) {
  return item.attempts.filter((a) => a.overall !== null).at(-1) ?? null;
}

export function criterionAverages(scores: readonly CriterionScoresMap[]): CriterionAverages {
  return Object.fromEntries(CRITERIA.map((c) => [c, mean(scores.map((s) => s[c]))])) as CriterionAverages;
}

function extreme(averages: CriterionAverages, pick: (a: number, b: number) => boolean): CriterionId | null {
  let best: CriterionId | null = null;
  for (const c of CRITERIA) {
    const v = averages[c];
    if (v === null) continue;
    const current = best === null ? null : averages[best];
    if (current === null || current === undefined || pick(v, current)) best = c;
  }
  return best;
}

/** Summarizes a finished (or ended) session from its state and the grades of its final attempts. */
export function sessionReport(
  state: InterviewState,
  grades: ReadonlyMap<string, Grade>,
  previous: readonly SessionSummary[],
): SessionReport {
  const questions: QuestionResult[] = state.items.map((item) => {
    const final = finalAttempt(item);
    const first = item.attempts.find((a) => a.overall !== null) ?? null;
    return {
      questionId: item.questionId,
      overall: final?.overall ?? null,
      scores: final?.scores ?? null,
      skipped: item.skipped,
      attempts: item.attempts.length,
      improvement:
        final && first && final !== first && final.overall !== null && first.overall !== null
          ? final.overall - first.overall
          : null,
    };
  });
  const graded = questions.filter(
    (q): q is QuestionResult & { scores: CriterionScoresMap; overall: number } => q.scores !== null,
  );
  const criteria = criterionAverages(graded.map((q) => q.scores));
  const overall = mean(graded.map((q) => q.overall));
  const counts = new Map<string, number>();
  for (const item of state.items) {
    const final = finalAttempt(item);
    const grade = final ? grades.get(final.attemptId) : undefined;
    for (const m of grade?.missing ?? []) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const improvements = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([m]) => m);
  const prevOverall = mean(previous.map((p) => p.overall).filter((x): x is number => x !== null));
  const change =
    previous.length === 0
      ? null
      : {
          overall: overall !== null && prevOverall !== null ? round1(overall - prevOverall) : null,
          criteria: Object.fromEntries(
            CRITERIA.map((c) => {
              const before = mean(previous.map((p) => p.criteria[c]).filter((x): x is number => x !== null));
              const now = criteria[c];
              return [c, now !== null && before !== null ? round1(now - before) : null];
            }),
          ) as CriterionAverages,
        };
  return {
    sessionId: state.id,
    finishedAt: state.updatedAt,
    level: state.config.level,
    endedBy: state.endedBy,
    overall,
    criteria,
    questions,
    strongest: extreme(criteria, (a, b) => a > b),
    weakest: extreme(criteria, (a, b) => a < b),
    improvements,
    change,
  };
}

export interface AttemptPoint {
  questionId: string;
  competency: string | null;
  sessionId: string | null;
  at: string;
  overall: number;
  scores: CriterionScoresMap;
}

export interface Progress {
  attempts: number;
  sessions: number;
  /** Per criterion, the average of each session (or day, for answers outside sessions), oldest first. */
  trend: Record<CriterionId, number[]>;
  /** Last point minus first point, per criterion; null with fewer than two points. */
  direction: Record<CriterionId, number | null>;
  competencies: Array<{ id: string; attempts: number; average: number | null }>;
  weakestCriterion: CriterionId | null;
  nextFocus: { competency: string | null; criterion: CriterionId | null } | null;
}

/** Progress over time from graded attempts: trends, coverage, and what to practise next. */
export function progress(points: readonly AttemptPoint[], allCompetencies: readonly string[]): Progress {
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const groups = new Map<string, AttemptPoint[]>();
  for (const p of sorted) {
    const key = p.sessionId ?? `day:${p.at.slice(0, 10)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const trend = Object.fromEntries(
    CRITERIA.map((c) => [c, [...groups.values()].map((g) => mean(g.map((p) => p.scores[c])) ?? 0)]),
  ) as Record<CriterionId, number[]>;
  const direction = Object.fromEntries(
    CRITERIA.map((c) => {
      const t = trend[c];
      return [c, t.length < 2 ? null : round1((t.at(-1) ?? 0) - (t[0] ?? 0))];
    }),
  ) as Record<CriterionId, number | null>;
  const byCompetency = new Map<string, AttemptPoint[]>();
  for (const p of sorted)
    if (p.competency) byCompetency.set(p.competency, [...(byCompetency.get(p.competency) ?? []), p]);
  const competencies = allCompetencies.map((id) => ({
    id,
    attempts: byCompetency.get(id)?.length ?? 0,
    average: mean((byCompetency.get(id) ?? []).map((p) => p.overall)),
  }));
  const overallCriteria = criterionAverages(sorted.map((p) => p.scores));
  const weakestCriterion = extreme(overallCriteria, (a, b) => a < b);
  // Next focus: a competency never practised first, else the lowest-scoring one.
  const untried = competencies.find((c) => c.attempts === 0);
  const lowest = [...competencies]
    .filter((c) => c.average !== null)
    .sort((a, b) => (a.average ?? 0) - (b.average ?? 0))[0];
  const competency =
    sorted.length === 0
      ? null
      : lowest && lowest.average !== null && lowest.average < 3
        ? lowest.id
        : (untried?.id ?? lowest?.id ?? null);
  return {
    attempts: sorted.length,
    sessions: new Set(sorted.map((p) => p.sessionId).filter(Boolean)).size,
    trend,
    direction,
    competencies,
    weakestCriterion,
    nextFocus: sorted.length === 0 ? null : { competency, criterion: weakestCriterion },
  };
}
