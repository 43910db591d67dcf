import type { Features } from "../calibration/features.js";
import { type CalibrationRow, fitCalibration, type RowWeight } from "../calibration/fit.js";
import { calibrationRows } from "../calibration/rows.js";
import type { Calibration } from "../calibration/schema.js";
import type { Grade } from "../grading/types.js";
import type { LabelledAnswer } from "./dataset.js";

export interface LabelledSet {
  items: readonly LabelledAnswer[];
  /** Features of each answer, before calibration. */
  features: readonly Features[];
  /** How much each of its rows counts when fitting the part models and the flag models. */
  weight: RowWeight;
}

/** Deterministic folds: answers in file order, dealt round-robin. */
export function foldOf(index: number, folds: number): number {
  return index % folds;
}

/** A seeded shuffle of 0 … n−1 (a small xorshift-multiply generator); seed 0 keeps the file order. */
export function shuffledOrder(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (seed === 0) return order;
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * k-fold cross-validation: the target set is split into k folds; each fold is graded by models fitted
 * on the other folds plus every `extra` set (always in training). Returns one out-of-fold grade per
 * target answer, in order. `seed` deals the folds from a shuffled order (0: the file order), so that
 * repeated runs show how much a figure owes to one split.
 */
export function crossValidatedGrades(
  target: LabelledSet,
  extra: readonly LabelledSet[],
  folds: number,
  gradeWith: (calibration: Calibration, index: number) => Grade,
  seed = 0,
): Grade[] {
  const extraRows: CalibrationRow[] = extra.flatMap((s) => calibrationRows(s.items, s.features, s.weight));
  const out = new Array<Grade>(target.items.length);
  const fold = new Array<number>(target.items.length);
  shuffledOrder(target.items.length, seed).forEach((item, position) => {
    fold[item] = foldOf(position, folds);
  });
  for (let k = 0; k < folds; k++) {
    const train = target.items.flatMap((_item, i) => (fold[i] === k ? [] : [i]));
    const rows = [
      ...extraRows,
      ...calibrationRows(
        train.map((i) => target.items[i] as LabelledAnswer),
        train.map((i) => target.features[i] as Features),
        target.weight,
      ),
    ];
    const calibration = fitCalibration(rows, { id: `cv-fold-${k}`, version: 1, trained_on: [] });
    target.items.forEach((_, i) => {
      if (fold[i] === k) out[i] = gradeWith(calibration, i);
    });
  }
  return out;
}
