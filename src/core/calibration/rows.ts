import { type LabelledAnswer, toStarScale } from "../eval/dataset.js";
import type { Features } from "./features.js";
import { type CalibrationRow, FULL_WEIGHT, type RowWeight } from "./fit.js";
import { PART_MODELS, type PartModel } from "./schema.js";

/** One training row per labeller of each answer; parts labelled 0–4 are read on the 0/1/2 scale. */
export function calibrationRows(
  items: readonly LabelledAnswer[],
  features: readonly Features[],
  weight: RowWeight = FULL_WEIGHT,
): CalibrationRow[] {
  return items.flatMap((item, i) => {
    const f = features[i];
    if (!f) return [];
    return item.ratings.map((r) => {
      const parts: Partial<Record<PartModel, number>> = {};
      for (const p of PART_MODELS) {
        const v = r.scores[p];
        if (v !== undefined) parts[p] = item.scale === "0-4" ? toStarScale(v) : v;
      }
      return { features: f, parts, flags: r.flags, weight };
    });
  });
}
