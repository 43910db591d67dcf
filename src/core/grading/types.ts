import { z } from "zod";
import { CRITERIA, type CriterionId } from "../criteria.js";
import { DeliverySchema } from "../delivery/schema.js";
import { LevelSchema } from "../levels.js";

export const FLAG_NAMES = [
  "quantified_result",
  "baseline_and_after",
  "method_or_framework",
  "first_person_ownership",
  "hypothetical",
] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

export const CriterionGradeSchema = z.object({
  score: z.number().int().min(0).max(4),
  /** Verbatim sentences from the answer that justify the score. */
  evidence: z.array(z.string()),
  /** One line on why the score is what it is. */
  note: z.string(),
});
export type CriterionGrade = z.infer<typeof CriterionGradeSchema>;

/** Why an LLM grade fell back to the offline one. */
export const FALLBACK_REASONS = [
  "timeout",
  "rate_limited",
  "server_error",
  "connection",
  "invalid_output",
  "refused",
  "length",
  "budget_exceeded",
  "api_error",
  "internal",
] as const;
export const FallbackReasonSchema = z.enum(FALLBACK_REASONS);
export type FallbackReason = z.infer<typeof FallbackReasonSchema>;

/**
 * A token count as the provider reported it. A missing, negative or fractional count (one misbehaving
 * server) reads as the nearest whole count from 0 up, so it can never make a stored grade unreadable.
 */
const TokenCountSchema = z
  .number()
  .catch(0)
  .transform((n) => Math.max(0, Math.round(n)));

export const UsageSchema = z.object({
  prompt_tokens: TokenCountSchema,
  completion_tokens: TokenCountSchema,
});
export type Usage = z.infer<typeof UsageSchema>;

/** A criterion where the LLM's own pick and the offline score are two or more points apart. */
export const DisagreementSchema = z.object({
  criterion: z.enum(CRITERIA),
  llm: z.number().int().min(0).max(4),
  offline: z.number().int().min(0).max(4),
});
export type Disagreement = z.infer<typeof DisagreementSchema>;

export const GradeSchema = z.object({
  grader: z.enum(["offline", "llm"]),
  overall: z.number().int().min(1).max(5),
  criteria: z.object(
    Object.fromEntries(CRITERIA.map((c) => [c, CriterionGradeSchema])) as Record<
      CriterionId,
      typeof CriterionGradeSchema
    >,
  ),
  flags: z.object(
    Object.fromEntries(FLAG_NAMES.map((f) => [f, z.boolean()])) as Record<FlagName, z.ZodBoolean>,
  ),
  missing: z.array(z.string()),
  follow_up: z.string(),
  tips: z.array(z.string()),
  /** Plain messages about the answer as a whole: empty, not in English, off topic, a keyword list… */
  notices: z.array(z.string()),
  /** Before/after figures that do not agree with the change the answer claims. */
  arithmetic: z.array(
    z.object({
      /** "mismatch": the figures disagree with the claimed change; "impossible": no such figure can be. Optional: older grades lack it. */
      kind: z.enum(["mismatch", "impossible"]).optional(),
      text: z.string(),
      claimed: z.string(),
      actual: z.string(),
      message: z.string(),
    }),
  ),
  level: LevelSchema,
  question_id: z.string().nullable(),
  stats: z.object({
    words: z.number().int(),
    speaking_seconds: z.number().int(),
    sentences: z.number().int(),
    methods: z.array(z.string()),
    scope: z.array(z.string()),
  }),
  rubric: z.object({ id: z.string(), version: z.number().int() }),
  // Added with the LLM grader; optional so grades stored before it still parse.
  /** Set when an LLM grade was asked for and the offline grade was returned instead. */
  fallback: FallbackReasonSchema.nullable().optional(),
  /** The grader prompts' version id (LLM grades only). */
  prompt_version: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  /** Informational: a usage that is not even an object reads as unknown (null) rather than failing the grade. */
  usage: UsageSchema.nullable().optional().catch(null),
  /** The weakest part of the answer rewritten as an example, with placeholders for missing figures. */
  improved_example: z.string().nullable().optional(),
  disagreements: z.array(DisagreementSchema).optional(),
  /** How a voice answer was spoken (length, pace, fillers…); typed answers have none. */
  delivery: DeliverySchema.optional(),
});
export type Grade = z.infer<typeof GradeSchema>;
