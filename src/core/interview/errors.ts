import { StarCoachError } from "../errors.js";
export const ILLEGAL_EVENT_CODES = [
  "session_finished",
  "session_expired",
  "not_awaiting_answer",
  "not_awaiting_follow_up",
  "nothing_to_retry",
  "still_grading",
  "unknown_attempt",
  "not_expired",
  "too_early_to_expire",
] as const;
export type IllegalEventCode = (typeof ILLEGAL_EVENT_CODES)[number];

const MESSAGES: Record<IllegalEventCode, string> = {
  session_finished: "This interview has finished. Start a new one to keep practising.",
  session_expired: "This interview timed out. Resume it to carry on where you left off.",
  not_awaiting_answer: "The interview is not waiting for an answer right now.",
  not_awaiting_follow_up: "There is no follow-up question waiting for an answer.",
  nothing_to_retry: "There is no graded answer to retry yet.",
  still_grading: "Your answer is still being graded; try again in a moment.",
  unknown_attempt: "That answer does not belong to this question.",
  not_expired: "This interview is still active.",
  too_early_to_expire: "This interview has not been idle long enough to expire.",
};

/** An event that the session's current state does not allow: a typed error, never a crash. */
export class IllegalEventError extends StarCoachError {
  override readonly name = "IllegalEventError";
  constructor(
    readonly code: IllegalEventCode,
    readonly event: string,
  ) {
    super(MESSAGES[code]);
  }
}
