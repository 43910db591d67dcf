import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Level } from "../levels.js";
import type { Rubric } from "../rubric/schema.js";

/** Where the weighted share (0–1) crosses into each overall score 2, 3, 4 and 5. */
const THRESHOLDS = [0.2, 0.45, 0.65, 0.85] as const;

/** The weighted share of the maximum, from the rubric's weights: the code counts, not the model. */
export function weightedShare(scores: Record<CriterionId, number>, rubric: Rubric): number {
  let total = 0;
  for (const id of CRITERIA) {
    const weight = rubric.criteria.find((c) => c.id === id)?.weight ?? 0;
    total += (weight * scores[id]) / 4;
  }
  return total;
}

export function overallFromShare(share: number): number {
  return 1 + THRESHOLDS.filter((t) => share >= t).length;
}

export interface ScopeCheck {
  expected: number;
  found: number;
  cap: number;
  short: boolean;
}

export function scopeCheck(level: Level, scopeKinds: number, rubric: Rubric): ScopeCheck {
  const spec = rubric.levels.find((l) => l.id === level);
  const expected = spec?.scope_signals_expected ?? 0;
  const cap = spec?.overall_cap_without_scope ?? 5;
  return { expected, found: scopeKinds, cap, short: scopeKinds < expected };
}
