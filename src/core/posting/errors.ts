import { UserFacingError } from "../errors.js";

export type PostingProblem = "empty" | "too-short" | "too-long" | "no-signals";

/** Text that cannot be read as a job posting; the message says what to paste instead. */
export class PostingError extends UserFacingError {
  override readonly name = "PostingError";
  constructor(
    readonly problem: PostingProblem,
    message: string,
  ) {
    super(message);
  }
}
