import type { ChatPrompt } from "../core/prompts/grader-messages.js";
import { BudgetExceededError } from "./errors.js";
import type { BudgetLedger } from "./ports.js";

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
}

/** About four characters a token in English: close enough to decide before paying. */
export function estimateTokens(prompt: ChatPrompt, maxOutputTokens: number): number {
  return Math.ceil((prompt.system.length + prompt.user.length) / 4) + maxOutputTokens;
}

/** The UTC day a budget counts against. */
export const budgetDay = (now: Date) => now.toISOString().slice(0, 10);

/** Throws BudgetExceededError when this call could take the user or the guild past the day's budget. */
export async function checkBudget(
  ledger: BudgetLedger,
  budgets: Budgets,
  who: Requester,
  day: string,
  estimate: number,
): Promise<void> {
  if (budgets.perUser === 0 && budgets.perGuild === 0) return;
  const spent = await ledger.spent(who.userId, who.guildId, day);
  if (budgets.perUser > 0 && spent.user + estimate > budgets.perUser) throw new BudgetExceededError("user");
  if (budgets.perGuild > 0 && who.guildId !== null && spent.guild + estimate > budgets.perGuild)
    throw new BudgetExceededError("guild");
}
