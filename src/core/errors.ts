/**
 * The base of STAR Coach's own errors, so one rule decides what a person sees: `userMessage` is shown
 * as it is (privately on Discord, on standard error in the terminal); when it is null the person sees
 * only a short reference and the error goes to the log with it.
 */
export class StarCoachError extends Error {
  readonly userMessage: string | null;
  constructor(message: string, options: { userMessage?: string | null; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.userMessage = options.userMessage ?? null;
  }
}

/** An error meant for the person using STAR Coach: its message is what they see. */
export class UserFacingError extends StarCoachError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, userMessage: message });
  }
}
