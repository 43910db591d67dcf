import type { Features } from "../calibration/features.js";
import { type CalibrationRow, fitCalibration } from "../calibration/fit.js";
import { calibrationRows } from "../calibration/rows.js";
import type { Calibration } from "../calibration/schema.js";
import type { Grade } from "../grading/types.js";
import type { LabelledAnswer } from "./dataset.js";

export interface LabelledSet {
  items: readonly LabelledAnswer[];
  /** Features of each answer, before calibration. */
  features: readonly Features[];
  /** How much each of its rows counts when fitting. */
  weight: number;
}

/** Deterministic folds: answers in file order, dealt round-robin. */
export function foldOf(index: number, folds: number): number {
  return index % folds;
}

/**
 * k-fold cross-validation: the target set is split into k folds; each fold is graded by models fitted
 * on the other folds plus every `extra` set (always in training). Returns one out-of-fold grade per
 * target answer, in order.
 */
export function crossValidatedGrades(
  target: LabelledSet,
  extra: readonly LabelledSet[],
  folds: number,
  gradeWith: (calibration: Calibration, index: number) => Grade,
): Grade[] {
  const extraRows: CalibrationRow[] = extra.flatMap((s) => calibrationRows(s.items, s.features, s.weight));
  const out = new Array<Grade>(target.items.length);
  for (let k = 0; k < folds; k++) {
    const train = target.items.flatMap((_item, i) => (foldOf(i, folds) === k ? [] : [i]));
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
      if (foldOf(i, folds) === k) out[i] = gradeWith(calibration, i);
    });
  }
  return out;
}
