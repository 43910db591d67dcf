import { type Features, featureVector } from "./features.js";
import { type OrdinalModel, predictClass } from "./ordinal.js";
import { type Calibration, FLAG_MODELS, type FlagModel, PART_MODELS, type PartModel } from "./schema.js";

export interface Calibrated {
  /** Each STAR part: 0 absent, 1 thin, 2 clear. */
  parts: Record<PartModel, number>;
  flags: Record<FlagModel, boolean>;
}

const predict = (model: OrdinalModel, features: Features) =>
  predictClass(model, featureVector(features, model.features));

export function applyCalibration(calibration: Calibration, features: Features): Calibrated {
  const m = calibration.models;
  const parts = Object.fromEntries(PART_MODELS.map((p) => [p, predict(m[p], features)])) as Record<
    PartModel,
    number
  >;
  const flags = Object.fromEntries(FLAG_MODELS.map((f) => [f, predict(m[f], features) === 1])) as Record<
    FlagModel,
    boolean
  >;
  return { parts, flags };
}
