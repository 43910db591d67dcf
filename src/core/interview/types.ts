import { z } from "zod";
import { CRITERIA, type CriterionId } from "../criteria.js";
import { LevelSchema } from "../levels.js";

export const MAX_QUESTIONS = 10;

export const InterviewConfigSchema = z.object({
  level: LevelSchema,
  /** Competency ids to draw from; empty means any. */
  competencies: z.array(z.string()).max(20),
  questionCount: z.number().int().min(1).max(MAX_QUESTIONS),
  followUps: z.boolean(),
  /** Seconds allowed per answer; null for no limit. */
  answerTimeLimitSec: z.number().int().min(30).max(3600).nullable(),
  /**
   * An interview for a job posting: the competencies it asks for, strongest first (the analysis, never
   * the posting's text). Absent for other interviews and in sessions stored before postings.
   */
  posting: z.object({ competencies: z.array(z.string()).max(20) }).optional(),
});
export type InterviewConfig = z.infer<typeof InterviewConfigSchema>;

const Scores = z.object(
  Object.fromEntries(CRITERIA.map((c) => [c, z.number().int().min(0).max(4)])) as Record<
    CriterionId,
    z.ZodNumber
  >,
);
export type CriterionScoresMap = z.infer<typeof Scores>;

/** What the session remembers of one graded attempt; the attempt itself (text, full grade) is stored apart. */
export const AttemptSummarySchema = z.object({
  attemptId: z.string(),
  kind: z.enum(["answer", "follow_up", "retry"]),
  /** Null until graded. */
  overall: z.number().int().min(1).max(5).nullable(),
  scores: Scores.nullable(),
  overTime: z.boolean(),
  at: z.string(),
});
export type AttemptSummary = z.infer<typeof AttemptSummarySchema>;

export const ItemSchema = z.object({
  questionId: z.string(),
  attempts: z.array(AttemptSummarySchema),
  /** The probe asked after the first graded answer, aimed at its weakest criterion. */
  followUp: z.object({ text: z.string(), target: z.string() }).nullable(),
  skipped: z.boolean(),
  askedAt: z.string().nullable(),
  /** Why the question was chosen, when there is a reason to tell ("the posting asks for S&OP"). */
  reason: z.string().max(300).nullable().optional(),
});
export type Item = z.infer<typeof ItemSchema>;

export const PHASES = ["awaiting_answer", "grading", "awaiting_follow_up", "reviewing", "done"] as const;
export const STATUSES = ["active", "expired", "finished"] as const;

export const InterviewStateSchema = z.object({
  id: z.string(),
  userId: z.string(),
  config: InterviewConfigSchema,
  status: z.enum(STATUSES),
  phase: z.enum(PHASES),
  index: z.number().int().min(0),
  items: z.array(ItemSchema).min(1),
  /** How the session ended: all questions answered, ended early by the user, or never. */
  endedBy: z.enum(["completed", "user", "expired"]).nullable(),
  /**
   * The server the interview was started in (null in a DM or the terminal; absent in sessions stored
   * before it was kept): an answer sent elsewhere, a voice message in a DM, is graded as that server grades.
   */
  guildId: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InterviewState = z.infer<typeof InterviewStateSchema>;
