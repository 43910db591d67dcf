/** The graders a user may ask for (`--grader`); a module of its own, which the CLI's usage reads. */
export const GRADER_MODES = ["offline", "llm", "auto"] as const;
export type GraderMode = (typeof GRADER_MODES)[number];
