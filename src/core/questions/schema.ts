import { z } from "zod";
import { CriterionIdSchema } from "../criteria.js";
import { LevelSchema } from "../levels.js";

const Text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const CompetencyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be lowercase kebab-case, like supply-chain");

export const ProbeSchema = z.strictObject({
  /** The rubric criterion this follow-up repairs when it is missing or vague. */
  target: CriterionIdSchema,
  text: Text(300),
});
export type Probe = z.infer<typeof ProbeSchema>;

/**
 * A strong answer the team wrote for the question, in its four STAR parts, at one of the question's levels:
 * first person, with a baseline, an after value, the method shown in steps and the business effect. Shown
 * after feedback ("See a strong answer"); a test grades each one 5/5 with the offline grader.
 */
export const ModelAnswerSchema = z.strictObject({
  level: LevelSchema,
  situation: Text(1200),
  task: Text(800),
  action: Text(1800),
  result: Text(1200),
});
export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;

export const QuestionEntrySchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/,
      "must be lowercase kebab-case with a prefix, like inv-cycle-count-gap",
    ),
  text: Text(300),
  levels: z
    .array(LevelSchema)
    .min(1, "must list at least one level")
    .refine((l) => new Set(l).size === l.length, "must not repeat a level"),
  probes: z.array(ProbeSchema).min(2, "must have 2 to 4 probes").max(4, "must have 2 to 4 probes"),
  signals: z.array(Text(300)).min(2, "must have 2 to 4 signals").max(4, "must have 2 to 4 signals"),
  model_answer: ModelAnswerSchema.optional(),
});

export const QuestionFileSchema = z.strictObject({
  competency: CompetencyIdSchema,
  name: Text(80),
  summary: Text(400),
  /** Domain words used to judge whether an answer is on topic. */
  keywords: z.array(Text(40)).min(5, "must list at least 5 keywords"),
  /** Words a story about the competency uses beyond the keywords ("light curtain"): the story bank reads both. */
  story_words: z.array(Text(40)).default([]),
  questions: z.array(QuestionEntrySchema).min(1, "must hold at least one question"),
});
export type QuestionFile = z.infer<typeof QuestionFileSchema>;

/** A question as the rest of the program sees it: the file's competency is carried on each question. */
export type Question = z.infer<typeof QuestionEntrySchema> & { competency: string };

export interface Competency {
  id: string;
  name: string;
  summary: string;
  keywords: string[];
  storyWords: string[];
}
