import { type Features, featureVector } from "./features.js";
import { classProbabilities, type OrdinalModel } from "./ordinal.js";
import { type Calibration, FLAG_MODELS, type FlagModel, PART_MODELS, type PartModel } from "./schema.js";

export interface Calibrated {
  /** Each STAR part: 0 absent, 1 thin, 2 clear. */
  parts: Record<PartModel, number>;
  flags: Record<FlagModel, boolean>;
}

/** The class the model finds most probable. */
function predict(model: OrdinalModel, features: Features): number {
  const probs = classProbabilities(model, featureVector(features, model.features));
  let best = 0;
  probs.forEach((p, k) => {
    if (p > (probs[best] as number)) best = k;
  });
  return best;
}

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
