import { z } from "zod";
import { FLAG_NAMES } from "../grading/types.js";
import { FEATURE_NAMES } from "./features.js";

/** The models the offline grader calibrates: the four STAR parts (0 absent, 1 thin, 2 clear) and the flags. */
export const PART_MODELS = ["situation", "task", "action", "result"] as const;
export type PartModel = (typeof PART_MODELS)[number];
/**
 * The flags the models set. `hypothetical` is not among them: it stays the evidence's own call, so the
 * flag always agrees with the hypothetical notice and the caps that come with it.
 */
export const FLAG_MODELS = FLAG_NAMES.filter((f) => f !== "hypothetical") as Exclude<
  (typeof FLAG_NAMES)[number],
  "hypothetical"
>[];
export type FlagModel = (typeof FLAG_MODELS)[number];
export const MODEL_IDS = [...PART_MODELS, ...FLAG_MODELS] as const;
export type ModelId = (typeof MODEL_IDS)[number];

// zod 4 numbers refuse Infinity and NaN by themselves.
const Finite = z.number();

export const OrdinalModelSchema = z
  .object({
    features: z.array(z.enum(FEATURE_NAMES)).min(1),
    mean: z.array(Finite),
    scale: z.array(Finite.positive()),
    weights: z.array(Finite),
    thresholds: z.array(Finite).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const d = m.features.length;
    for (const key of ["mean", "scale", "weights"] as const)
      if (m[key].length !== d)
        ctx.addIssue({ code: "custom", path: [key], message: `needs ${d} values, one per feature` });
    for (let k = 1; k < m.thresholds.length; k++)
      if ((m.thresholds[k] as number) <= (m.thresholds[k - 1] as number))
        ctx.addIssue({ code: "custom", path: ["thresholds", k], message: "thresholds must increase" });
  });

export const CalibrationSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().min(1),
    /** What the models were fitted on, for review: file, answers and label rows. */
    trained_on: z.array(
      z.object({ file: z.string(), answers: z.number().int(), rows: z.number().int() }).strict(),
    ),
    models: z
      .object(
        Object.fromEntries(MODEL_IDS.map((id) => [id, OrdinalModelSchema])) as Record<
          ModelId,
          typeof OrdinalModelSchema
        >,
      )
      .strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const classes = (id: ModelId) => c.models[id].thresholds.length + 1;
    for (const id of PART_MODELS)
      if (classes(id) !== 3)
        ctx.addIssue({ code: "custom", path: ["models", id], message: "a STAR part model has 3 classes" });
    for (const id of FLAG_MODELS)
      if (classes(id) !== 2)
        ctx.addIssue({ code: "custom", path: ["models", id], message: "a flag model has 2 classes" });
  });
export type Calibration = z.infer<typeof CalibrationSchema>;
