import type { Delivery } from "../core/delivery/delivery.js";
import type { GradeInput } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";

export interface GradeContext {
  userId: string;
  guildId: string | null;
  /** The stored answer being graded: a cached LLM grade is linked to it (deleted and expired with it). */
  attemptId?: string | null;
  /** The server's own daily LLM token budget, set by withGuildSettings: the LLM grader reserves against it. */
  guildDailyTokens?: number;
  /** A spoken answer's delivery (pace, fillers, length): stored with its grade, for progress over time. */
  delivery?: Delivery;
}

/** Any grader the sessions can use: the offline one, or the LLM one with its fallback. */
export type GradeFn = (input: GradeInput, context: GradeContext) => Promise<Grade>;
