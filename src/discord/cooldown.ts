import type { BotContext } from "./context.js";
import { UserError } from "./errors.js";

/**
 * Checked when the answer modal is opened, before anything is typed, so a cooldown never throws away an
 * answer. Lives in the store, so it holds across shards and processes.
 */
export async function checkCooldown(ctx: BotContext, userId: string): Promise<void> {
  const seconds = ctx.config.GRADE_COOLDOWN_SECONDS;
  if (seconds <= 0) return;
  const taken = await ctx.store.takeCooldown(userId, "grade", ctx.now().toISOString(), seconds);
  if (!taken.ok) throw new UserError(`You're grading quickly: try again in ${taken.retryAfterSec} s.`);
}
