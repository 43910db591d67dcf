import type { BudgetLedger, GradeCache } from "../llm/ports.js";
import type { Store } from "./store.js";

/** The LLM grade cache on the shared store: one paid call per distinct answer, across processes. */
export function storeGradeCache(store: Store, now: () => Date = () => new Date()): GradeCache {
  return {
    get: (key) => store.getCachedGrade(key),
    set: (key, grade) => store.setCachedGrade(key, grade, now().toISOString()),
  };
}

/** Token budgets on the shared store, so a daily limit holds across shards and processes. */
export function storeBudgetLedger(store: Store): BudgetLedger {
  return {
    spent: (userId, guildId, day) => store.tokensSpent(userId, guildId, day),
    spend: (userId, guildId, tokens, day) => store.spendTokens(userId, guildId, tokens, day),
  };
}
