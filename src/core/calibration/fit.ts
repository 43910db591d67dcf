import type { FlagName } from "../grading/types.js";
import { type Features, featureVector } from "./features.js";
import { fitOrdinal, type TrainingRow } from "./ordinal.js";
import { type Calibration, MODEL_IDS, type ModelId, PART_MODELS, type PartModel } from "./schema.js";
import { MODEL_SPECS } from "./spec.js";

/** One labeller's judgement of one answer, with the answer's features. */
export interface CalibrationRow {
  features: Features;
  /** STAR parts on the 0/1/2 scale. */
  parts: Partial<Record<PartModel, number>>;
  flags: Partial<Record<FlagName, boolean>>;
  weight: RowWeight;
}

/** How much a row counts when fitting the STAR-part models and the flag models. */
export interface RowWeight {
  parts: number;
  flags: number;
}

export const FULL_WEIGHT: RowWeight = { parts: 1, flags: 1 };

const isPart = (id: ModelId) => (PART_MODELS as readonly string[]).includes(id);

function target(row: CalibrationRow, id: ModelId): number | undefined {
  if (isPart(id)) return row.parts[id as PartModel];
  const flag = row.flags[id as FlagName];
  return flag === undefined ? undefined : flag ? 1 : 0;
}

/** Fits every model on the rows that label it. Deterministic: the same rows give the same file. */
export function fitCalibration(
  rows: readonly CalibrationRow[],
  meta: Pick<Calibration, "id" | "version" | "trained_on">,
): Calibration {
  const models = {} as Calibration["models"];
  for (const id of MODEL_IDS) {
    const spec = MODEL_SPECS[id];
    const training: TrainingRow[] = [];
    for (const row of rows) {
      const y = target(row, id);
      if (y !== undefined)
        training.push({
          x: featureVector(row.features, spec.features),
          y,
          weight: isPart(id) ? row.weight.parts : row.weight.flags,
        });
    }
    models[id] = fitOrdinal([...spec.features], training, { classes: spec.classes, l2: spec.l2 });
  }
  return { ...meta, models };
}
