/** A button or command for a session that belongs to someone else. */
export class NotYourSessionError extends Error {
  override readonly name = "NotYourSessionError";
  constructor(readonly sessionId: string) {
    super("This is not your session.");
  }
}

export class SessionNotFoundError extends Error {
  override readonly name = "SessionNotFoundError";
  constructor(readonly sessionId: string) {
    super("That interview no longer exists. Start a new one with /interview start.");
  }
}

/** Grading failed after the answer was stored: the answer is safe and can be graded again. */
export class GradingFailedError extends Error {
  override readonly name = "GradingFailedError";
  constructor(
    readonly attemptId: string,
    override readonly cause: unknown,
  ) {
    super("Grading failed; your answer is saved and can be graded again.");
  }
}

/** Something about a group round the user should know (closed, their own answer, nothing to review). */
export class RoundError extends Error {
  override readonly name = "RoundError";
}
