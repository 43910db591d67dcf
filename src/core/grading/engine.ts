import {
  type GradeInput,
  type GradingContent,
  gradeAnswer,
  gradeWithEvidence,
  type OfflineGrade,
} from "./grade.js";
import type { Grade } from "./types.js";

/**
 * Where offline grades are computed: in the calling thread (the CLI, tests) or off it (the bot grades
 * in a worker thread, see src/grading-worker/). The grades are the same either way.
 */
export interface OfflineEngine {
  grade(input: GradeInput): Promise<Grade>;
  gradeWithEvidence(input: GradeInput): Promise<OfflineGrade>;
}

export function inProcessEngine(content: GradingContent): OfflineEngine {
  return {
    grade: async (input) => gradeAnswer(input, content),
    gradeWithEvidence: async (input) => gradeWithEvidence(input, content),
  };
}
