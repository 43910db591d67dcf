import { StarCoachError } from "../errors.js";
/** One problem in one content file: where it is and what is wrong. */
export interface ContentProblem {
  file: string;
  /** Path inside the file, such as `questions[3].probes[0].target`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown when shipped content (questions, rubrics, lexicon) does not validate. Lists every problem. */
export class ContentError extends StarCoachError {
  override readonly name = "ContentError";
  constructor(readonly problems: readonly ContentProblem[]) {
    super(
      `Content is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
        .map((p) => `  - ${formatProblem(p)}`)
        .join("\n")}`,
    );
  }
}
