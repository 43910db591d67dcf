import { z } from "zod";
import { CRITERIA, CriterionIdSchema } from "../criteria.js";
import { LEVELS, LevelSchema } from "../levels.js";

const Text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const AnchorSchema = z.strictObject({
  score: z.number().int().min(0).max(4),
  label: Text(40),
  description: Text(400),
  example: Text(300),
});
export type Anchor = z.infer<typeof AnchorSchema>;

const PerLevelText = z.strictObject({
  entry: Text(300),
  mid: Text(300),
  senior: Text(300),
  executive: Text(300),
});

export const RubricCriterionSchema = z.strictObject({
  id: CriterionIdSchema,
  name: Text(40),
  weight: z.number().positive().max(1),
  asks: Text(300),
  anchors: z
    .array(AnchorSchema)
    .length(5, "must have exactly five anchors, scores 0 to 4")
    .refine((a) => a.every((anchor, i) => anchor.score === i), "anchors must be in order: 0, 1, 2, 3, 4"),
  levels: PerLevelText,
});
export type RubricCriterion = z.infer<typeof RubricCriterionSchema>;

export const RubricLevelSchema = z.strictObject({
  id: LevelSchema,
  name: Text(40),
  roles: z.array(Text(60)).min(1),
  scope: Text(300),
  expects: z.array(Text(300)).min(1).max(4),
  /** How many kinds of scope evidence (sites, budget, capital, risk, strategy, people) a 5/5 answer shows. */
  scope_signals_expected: z.number().int().min(0).max(6),
  /** The highest overall an answer may get when it shows less scope than expected. */
  overall_cap_without_scope: z.number().int().min(1).max(5),
});
export type RubricLevel = z.infer<typeof RubricLevelSchema>;

export const RubricSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    name: Text(80),
    description: Text(600),
    criteria: z.array(RubricCriterionSchema),
    levels: z.array(RubricLevelSchema),
    /** The highest overall an answer may get when a criterion scores 0 (a STAR part is missing). */
    missing_part_caps: z.partialRecord(CriterionIdSchema, z.number().int().min(1).max(5)),
    /** The highest overall an answer may get when a criterion scores 1 (vague, or a method only named). */
    thin_part_caps: z.partialRecord(CriterionIdSchema, z.number().int().min(1).max(5)),
    /** An answer this short cannot show a full story: its overall is capped, shortest rule first. */
    short_answers: z
      .array(
        z.strictObject({
          below_words: z.number().int().positive(),
          overall_max: z.number().int().min(1).max(5),
        }),
      )
      .min(1),
    /** An answer told in this few sentences cannot tell a setting, its steps and their outcome. */
    few_sentences: z
      .strictObject({
        at_most: z.number().int().positive(),
        overall_max: z.number().int().min(1).max(5),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const ids = r.criteria.map((c) => c.id).join(",");
    if (ids !== CRITERIA.join(",")) {
      ctx.addIssue({
        code: "custom",
        path: ["criteria"],
        message: `must be exactly ${CRITERIA.join(", ")} in that order, got ${ids}`,
      });
    }
    const total = r.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (Math.abs(total - 1) > 1e-6) {
      ctx.addIssue({
        code: "custom",
        path: ["criteria"],
        message: `weights must add up to 1, got ${Number(total.toFixed(6))}`,
      });
    }
    const levels = r.levels.map((l) => l.id).join(",");
    if (levels !== LEVELS.join(",")) {
      ctx.addIssue({
        code: "custom",
        path: ["levels"],
        message: `must be exactly ${LEVELS.join(", ")} in that order, got ${levels}`,
      });
    }
  });
export type Rubric = z.infer<typeof RubricSchema>;
