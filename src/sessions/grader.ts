import type { GradeInput } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";

export interface GradeContext {
  userId: string;
  guildId: string | null;
}

/** Any grader the sessions can use: the offline one, or the LLM one with its fallback. */
export type GradeFn = (input: GradeInput, context: GradeContext) => Promise<Grade>;
