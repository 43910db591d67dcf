import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from "openai";

// One retry policy for every call to an OpenAI-compatible server (grading and transcription): a second
// failure falls back (to the offline grade, or to "type your answer") rather than keep a user waiting.

/** One retry at most. */
export const MAX_RETRIES = 1;
/** A retry is only worth it with at least this long left before the deadline. */
export const MIN_ATTEMPT_MS = 1000;
const DEFAULT_WAIT_MS = { rate_limited: 1000, server_error: 500, connection: 250 } as const;

function retryAfterMs(headers: Headers | undefined, now: number): number | null {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const raw = headers?.get("retry-after");
  if (!raw) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** How long to wait before retrying after this error, or null when a retry cannot help. */
export function retryWait(err: unknown, now: number): number | null {
  if (err instanceof APIConnectionTimeoutError) return null;
  if (err instanceof RateLimitError) return retryAfterMs(err.headers, now) ?? DEFAULT_WAIT_MS.rate_limited;
  if (err instanceof InternalServerError)
    return retryAfterMs(err.headers, now) ?? DEFAULT_WAIT_MS.server_error;
  if (err instanceof APIConnectionError) return DEFAULT_WAIT_MS.connection;
  return null;
}
