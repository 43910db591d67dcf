import { StarCoachError, UserFacingError } from "../core/errors.js";
/** A button or command for a session that belongs to someone else. */
export class NotYourSessionError extends UserFacingError {
  override readonly name = "NotYourSessionError";
  constructor(readonly sessionId: string) {
    super("This is not your session.");
  }
}

export class SessionNotFoundError extends UserFacingError {
  override readonly name = "SessionNotFoundError";
  constructor(readonly sessionId: string) {
    super("That interview no longer exists. Start a new one with /interview start.");
  }
}

/** Grading failed after the answer was stored: the answer is safe and can be graded again. */
export class GradingFailedError extends StarCoachError {
  override readonly name = "GradingFailedError";
  constructor(
    readonly attemptId: string,
    override readonly cause: unknown,
  ) {
    super("Grading failed; your answer is saved and can be graded again.");
  }
}

/**
 * The answer was stored, but the interview could not move on (its session could not be saved: a full
 * disk, a database error). The answer is safe: it is graded after the next start, and the interview
 * resumes where it was. Saving it again would store it twice.
 */
export class AnswerKeptError extends StarCoachError {
  override readonly name = "AnswerKeptError";
  constructor(
    readonly attemptId: string,
    override readonly cause: unknown,
  ) {
    super("Your answer is saved, but the interview could not move on; it resumes where it was.");
  }
}

/** Something about a group round the user should know (closed, their own answer, nothing to review). */
export class RoundError extends UserFacingError {
  override readonly name = "RoundError";
}
