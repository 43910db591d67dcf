import { setTimeout as sleep } from "node:timers/promises";
import type { ChatPrompt } from "../core/prompts/grader-messages.js";
import { BudgetExceededError } from "./errors.js";
import type { BudgetLedger, Spent } from "./ports.js";

/** Daily token budgets; 0 means unlimited. */
export interface Budgets {
  perUser: number;
  perGuild: number;
}

/** Who asked for the grade: budgets are counted per user and per guild. */
export interface Requester {
  userId: string;
  /** null outside a guild: a DM or the CLI. */
  guildId: string | null;
  /** The stored answer being graded, if any: its cached LLM grade is deleted and expired with it. */
  attemptId?: string | null;
  /**
   * The server's own daily token budget (`/settings server`), 0 or absent for none. Where both it and
   * LLM_DAILY_TOKENS_PER_GUILD are set, the lower one applies.
   */
  guildDailyTokens?: number;
}

/** About four characters a token in English: close enough to decide before paying. */
export function estimateTokens(prompt: ChatPrompt, maxOutputTokens: number): number {
  return Math.ceil((prompt.system.length + prompt.user.length) / 4) + maxOutputTokens;
}

/** The UTC day a budget counts against. */
export const budgetDay = (now: Date) => now.toISOString().slice(0, 10);

/** The limits that apply to this requester: 0 is unlimited. */
export function limitsFor(budgets: Budgets, who: Requester): Spent {
  if (who.guildId === null) return { user: budgets.perUser, guild: 0 };
  const guild = [budgets.perGuild, who.guildDailyTokens ?? 0].filter((n) => n > 0);
  return { user: budgets.perUser, guild: guild.length > 0 ? Math.min(...guild) : 0 };
}

/** Which budget `spent` plus `extra` tokens would pass, if any. */
function overBy(spent: Spent, extra: number, limits: Spent): "user" | "guild" | null {
  if (limits.user > 0 && spent.user + extra > limits.user) return "user";
  if (limits.guild > 0 && spent.guild + extra > limits.guild) return "guild";
  return null;
}

/** Tries at a reservation that raced another process's before refusing. */
const RESERVE_ATTEMPTS = 3;

/** Tokens held for one call: settled to what the reply reports, or given back when nothing was billed. */
export interface Reservation {
  /** Replaces the reservation with the tokens the call really cost. */
  settle(tokens: number): Promise<void>;
  /** Gives the whole reservation back. */
  release(): Promise<void>;
}

/**
 * Daily budgets that hold under concurrency: a call reserves its estimated tokens before it is made
 * (spent, then checked again, so concurrent calls see each other's reservations even across processes
 * sharing the ledger), and afterwards the reservation is settled to the real usage or released. So the
 * tokens spent in a day never pass the budget by more than what replies cost beyond their estimates.
 * Within one process reservations are taken one at a time, so a burst of calls is not refused wholesale.
 */
export class BudgetGate {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ledger: BudgetLedger,
    private readonly budgets: Budgets,
  ) {}

  /** Reserves `estimate` tokens, or throws BudgetExceededError when that could pass a budget. */
  reserve(who: Requester, day: string, estimate: number): Promise<Reservation> {
    const limits = limitsFor(this.budgets, who);
    if (limits.user === 0 && limits.guild === 0) return Promise.resolve(this.#unlimited(who, day));
    const run = this.#tail.then(() => this.#reserve(who, day, estimate, limits));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #reserve(who: Requester, day: string, estimate: number, limits: Spent): Promise<Reservation> {
    for (let attempt = 1; ; attempt++) {
      const before = overBy(await this.ledger.spent(who.userId, who.guildId, day), estimate, limits);
      if (before) throw new BudgetExceededError(before);
      await this.ledger.spend(who.userId, who.guildId, estimate, day);
      // Another process may have reserved in between: if the two together pass a budget, ours goes back,
      // and after a random pause (so two processes in step do not keep refusing each other) we look again.
      const after = overBy(await this.#spentOrGiveBack(who, day, estimate), 0, limits);
      if (!after) break;
      await this.ledger.spend(who.userId, who.guildId, -estimate, day);
      if (attempt >= RESERVE_ATTEMPTS) throw new BudgetExceededError(after);
      await sleep(5 + Math.floor(Math.random() * 45));
    }
    let open = true;
    const correct = async (tokens: number) => {
      if (!open) return;
      open = false;
      if (tokens !== estimate) await this.ledger.spend(who.userId, who.guildId, tokens - estimate, day);
    };
    return { settle: (tokens) => correct(tokens), release: () => correct(0) };
  }

  /** The counts after our reservation; if they cannot be read, the reservation goes back first. */
  async #spentOrGiveBack(who: Requester, day: string, estimate: number): Promise<Spent> {
    try {
      return await this.ledger.spent(who.userId, who.guildId, day);
    } catch (err) {
      await this.ledger.spend(who.userId, who.guildId, -estimate, day).catch(() => undefined);
      throw err;
    }
  }

  /** Without a budget nothing is held: the real usage is counted once the call is done. */
  #unlimited(who: Requester, day: string): Reservation {
    let open = true;
    return {
      settle: async (tokens) => {
        if (!open) return;
        open = false;
        if (tokens > 0) await this.ledger.spend(who.userId, who.guildId, tokens, day);
      },
      release: async () => {
        open = false;
      },
    };
  }
}
