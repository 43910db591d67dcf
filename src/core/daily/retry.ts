/**
 * How a post that must appear exactly once (a day's question, a round's summary) is claimed and retried.
 *
 * A claimant holds its claim for `LEASE_MS`: long enough for a post (a few REST calls) and short enough
 * that a claim left by a process that died is taken over within Discord's nonce memory (a few minutes;
 * see src/discord/scheduler.ts). A post that failed is given back and tried again after `retryDelayMs`.
 */
export const LEASE_MS = 90_000;

export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 10 * 60_000;

/** The wait after failed attempt number `attempt` (1, 2, …): 2 s, 4 s, 8 s… doubling up to 10 minutes. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(n - 1, 30));
}

/** ISO time `ms` after `from`. */
export function after(from: Date, ms: number): string {
  return new Date(from.getTime() + ms).toISOString();
}
