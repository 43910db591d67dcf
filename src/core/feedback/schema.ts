import { z } from "zod";
import { CRITERIA } from "../criteria.js";
import { SCOPE_KINDS } from "../lexicon/schema.js";

const Text = z.string().trim().min(1, "must not be empty").max(400, "must be at most 400 characters");
const perCriterion = <T extends z.ZodType>(t: T) =>
  z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, t])) as Record<(typeof CRITERIA)[number], T>);
const ScoreNotes = z.strictObject({ "0": Text, "1": Text, "2": Text, "3": Text, "4": Text });

export const NOTICE_KEYS = [
  "empty",
  "non_english",
  "salad",
  "off_topic",
  "other_competency",
  "joke",
  "hypothetical",
  /** Methods listed with generic verbs, with no step applied to anything: a template (caps.ts). */
  "template",
  /** An answer longer than MAX_ANSWER_CHARS (grading/limits.ts); fills {graded}, {total} and {limit}. */
  "truncated",
] as const;
export const TIP_KEYS = [
  "hypothetical",
  "method_not_shown",
  "vague_result",
  "hedged_result",
  "no_result",
  "no_baseline",
  "arithmetic",
  "arithmetic_impossible",
  "we_only",
  "mostly_we",
  "thin_action",
  "no_situation",
  "no_task",
  "no_business_effect",
  "too_long",
  "too_short",
  "few_sentences",
  "hedges",
  "scope",
  "scope_more",
  "keep_going",
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];
export type TipKey = (typeof TIP_KEYS)[number];

export const FeedbackSchema = z.strictObject({
  version: z.number().int().positive(),
  notices: z.strictObject(
    Object.fromEntries(NOTICE_KEYS.map((k) => [k, Text])) as Record<NoticeKey, typeof Text>,
  ),
  notes: perCriterion(ScoreNotes),
  missing: z.strictObject({
    ...(Object.fromEntries(CRITERIA.map((c) => [c, Text])) as Record<(typeof CRITERIA)[number], typeof Text>),
    baseline: Text,
    business_effect: Text,
    method_shown: Text,
  }),
  tips: z.strictObject(Object.fromEntries(TIP_KEYS.map((k) => [k, Text])) as Record<TipKey, typeof Text>),
  /** How a tip names each kind of scope an answer already gives ({found} in `scope_more`). */
  scope_names: z.strictObject(
    Object.fromEntries(SCOPE_KINDS.map((k) => [k, Text])) as Record<
      (typeof SCOPE_KINDS)[number],
      typeof Text
    >,
  ),
  generic_probes: perCriterion(Text),
  /** The follow-up when the story is about another competency than the question's. */
  competency_probe: Text,
});
export type Feedback = z.infer<typeof FeedbackSchema>;
