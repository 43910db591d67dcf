import type { ContentSources } from "../core/content/load.js";
import type { GradeInput, OfflineGrade } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";

/**
 * What a grading worker starts with. Without sources it loads the shipped content the way the bot does
 * (shippedContent). Never a Content: it holds functions, which cannot be cloned to a thread.
 */
export interface GradingWorkerData {
  sources?: ContentSources;
}

/** One answer to grade; `evidence` asks for gradeWithEvidence's whole result (the LLM grader's input). */
export interface GradeJob {
  id: number;
  input: GradeInput;
  evidence: boolean;
}

export interface JobError {
  name: string;
  message: string;
  stack: string | undefined;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "graded"; id: number; result: Grade | OfflineGrade }
  | { type: "failed"; id: number; error: JobError };
