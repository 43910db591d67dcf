import type { Grade } from "../core/grading/types.js";
import type { Requester } from "./budget.js";

/**
 * Where LLM grades are kept so an identical answer is never paid for twice. Keys are opaque hex
 * strings (see cacheKey). The in-memory cache is in memory.ts; a database one implements the same two
 * methods. A cache that fails is logged and skipped, never the reason an answer goes ungraded.
 */
export interface GradeCache {
  /** `who` is whose answer it is: the store's cache is per user, and deletes an entry with its answer. */
  get(key: string, who: Requester): Promise<Grade | null>;
  set(key: string, grade: Grade, who: Requester): Promise<void>;
}

/** Tokens spent on one UTC day ("2026-11-25"), by the user and by their guild. */
export interface Spent {
  user: number;
  /** 0 when there is no guild (a DM, the CLI). */
  guild: number;
}

/**
 * Counts LLM tokens per user and per guild per UTC day. It only counts: the limits are config, and the
 * grader reserves against them (see BudgetGate in budget.ts).
 */
export interface BudgetLedger {
  spent(userId: string, guildId: string | null, day: string): Promise<Spent>;
  /** Adds `tokens` to both counts, atomically per count; a negative delta gives a reservation back. */
  spend(userId: string, guildId: string | null, tokens: number, day: string): Promise<void>;
}
