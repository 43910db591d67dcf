import type { BudgetLedger, GradeCache } from "../llm/ports.js";
import type { Store } from "./store.js";

/**
 * The LLM grade cache on the shared store: one paid call per distinct answer of a user, across
 * processes. Each entry is kept for its user and linked to the answer it graded, so it is exported,
 * deleted and expired with them.
 */
export function storeGradeCache(store: Store, now: () => Date = () => new Date()): GradeCache {
  return {
    get: (key, who) => store.getCachedGrade(key, who.userId),
    set: (key, grade, who) =>
      store.setCachedGrade(key, grade, now().toISOString(), {
        userId: who.userId,
        guildId: who.guildId,
        attemptId: who.attemptId ?? null,
      }),
  };
}

/** Token budgets on the shared store, so a daily limit holds across shards and processes. */
export function storeBudgetLedger(store: Store): BudgetLedger {
  return {
    spent: (userId, guildId, day) => store.tokensSpent(userId, guildId, day),
    spend: (userId, guildId, tokens, day) => store.spendTokens(userId, guildId, tokens, day),
  };
}
