import type { CriterionId } from "../criteria.js";
import type { Level } from "../levels.js";
import type { Question } from "../questions/schema.js";

export interface PracticeHistory {
  /** Question ids of the user's attempts, newest first. */
  recentQuestionIds: readonly string[];
  /** The user's average overall (1–5) per competency practised, each question by its best attempt. */
  competencyAverages: Readonly<Record<string, number>>;
  /** The user's average score (0–4) per criterion, each question by its best attempt. */
  criterionAverages: Readonly<Partial<Record<CriterionId, number>>>;
}

export interface SelectionInput {
  questions: readonly Question[];
  level: Level;
  competencies: readonly string[];
  count: number;
  history: PracticeHistory;
  /** No question seen in the user's last N attempts, while enough others remain. */
  avoidLast: number;
  /** A number in [0, 1); pass a seeded source for repeatable picks. */
  random: () => number;
}

const NEUTRAL_OVERALL = 3;

/**
 * Picks questions for a session: the level and competencies asked for, none of the recently seen ones
 * (while others remain), weighted toward the competencies the user scores lowest in and toward questions
 * whose probes repair the user's weakest criteria (spaced practice).
 */
export function selectQuestions(input: SelectionInput): string[] {
  const { history } = input;
  const pool = input.questions.filter(
    (q) =>
      q.levels.includes(input.level) &&
      (input.competencies.length === 0 || input.competencies.includes(q.competency)),
  );
  const recent = new Set(history.recentQuestionIds.slice(0, input.avoidLast));
  const fresh = pool.filter((q) => !recent.has(q.id));
  // When the fresh pool runs short, fall back to seen questions, least recently seen first.
  const seenOrder = new Map(history.recentQuestionIds.map((id, i) => [id, i] as const));
  const stale = pool
    .filter((q) => recent.has(q.id))
    .sort((a, b) => (seenOrder.get(b.id) ?? 0) - (seenOrder.get(a.id) ?? 0));
  const weakCriteria = Object.entries(history.criterionAverages)
    .sort((a, b) => (a[1] ?? 4) - (b[1] ?? 4))
    .slice(0, 2)
    .map(([c]) => c);
  const weight = (q: Question) => {
    const avg = history.competencyAverages[q.competency] ?? NEUTRAL_OVERALL;
    const competencyWeight = 1 + Math.max(0, 5 - avg) / 2;
    const probeBonus = q.probes.some((p) => weakCriteria.includes(p.target)) ? 0.5 : 0;
    return competencyWeight + probeBonus;
  };
  const chosen: string[] = [];
  const candidates = [...fresh];
  const usedCompetencies = new Map<string, number>();
  while (chosen.length < input.count && candidates.length > 0) {
    // Spread a session over competencies: each repeat of a competency halves its weight.
    const weights = candidates.map((q) => weight(q) / 2 ** (usedCompetencies.get(q.competency) ?? 0));
    const total = weights.reduce((a, b) => a + b, 0);
    let r = input.random() * total;
    let pick = candidates.length - 1;
    for (let i = 0; i < candidates.length; i++) {
      r -= weights[i] as number;
      if (r < 0) {
        pick = i;
        break;
      }
    }
    const [q] = candidates.splice(pick, 1);
    if (!q) break;
    chosen.push(q.id);
    usedCompetencies.set(q.competency, (usedCompetencies.get(q.competency) ?? 0) + 1);
  }
  for (const q of stale) if (chosen.length < input.count) chosen.push(q.id);
  return chosen;
}

/** A small seeded generator (mulberry32) so that tests and replays pick the same questions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
