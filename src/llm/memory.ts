import type { Grade } from "../core/grading/types.js";
import type { BudgetLedger, GradeCache, Spent } from "./ports.js";

/** An in-process cache that forgets the oldest entry past `max`. */
export class MemoryGradeCache implements GradeCache {
  readonly #entries = new Map<string, Grade>();
  constructor(readonly max = 1000) {}

  async get(key: string): Promise<Grade | null> {
    return this.#entries.get(key) ?? null;
  }

  async set(key: string, grade: Grade): Promise<void> {
    this.#entries.delete(key);
    this.#entries.set(key, grade);
    const oldest = this.#entries.keys().next();
    if (this.#entries.size > this.max && !oldest.done) this.#entries.delete(oldest.value);
  }
}

/** An in-process ledger: budgets reset when the process does. */
export class MemoryBudgetLedger implements BudgetLedger {
  readonly #spent = new Map<string, number>();

  async spent(userId: string, guildId: string | null, day: string): Promise<Spent> {
    return {
      user: this.#spent.get(`${day}\u0000user\u0000${userId}`) ?? 0,
      guild: guildId === null ? 0 : (this.#spent.get(`${day}\u0000guild\u0000${guildId}`) ?? 0),
    };
  }

  async spend(userId: string, guildId: string | null, tokens: number, day: string): Promise<void> {
    const add = (key: string) => this.#spent.set(key, (this.#spent.get(key) ?? 0) + tokens);
    add(`${day}\u0000user\u0000${userId}`);
    if (guildId !== null) add(`${day}\u0000guild\u0000${guildId}`);
  }
}
