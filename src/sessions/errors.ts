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
