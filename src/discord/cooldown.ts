import type { Store } from "../store/store.js";
import type { BotContext } from "./context.js";
import { UserError } from "./errors.js";

/** Grading cooldowns this process has taken or seen refused, per store: until when, by user. */
const known = new WeakMap<Store, Map<string, number>>();

function knownFor(store: Store, now: number): Map<string, number> {
  let users = known.get(store);
  if (!users) {
    users = new Map();
    known.set(store, users);
  }
  if (users.size > 10_000) for (const [user, until] of users) if (until <= now) users.delete(user);
  return users;
}

/**
 * Checked when the answer modal is opened, before anything is typed, so a cooldown never throws away an
 * answer. The modal does not wait on the store: this process's own record decides at once, and the
 * cooldown is then taken in the store (atomic, so it holds across shards and processes) without being
 * awaited. When another process holds the user's cooldown, the modal already on its way goes ahead and
 * the next one is refused here.
 */
export async function checkCooldown(ctx: BotContext, userId: string): Promise<void> {
  const seconds = ctx.config.GRADE_COOLDOWN_SECONDS;
  if (seconds <= 0) return;
  const now = ctx.now().getTime();
  const users = knownFor(ctx.store, now);
  const until = users.get(userId);
  if (until !== undefined && until > now)
    throw new UserError(`You're grading quickly: try again in ${Math.ceil((until - now) / 1000)} s.`);
  users.set(userId, now + seconds * 1000);
  void ctx.store.takeCooldown(userId, "grade", new Date(now).toISOString(), seconds).then(
    (taken) => {
      if (!taken.ok) users.set(userId, now + taken.retryAfterSec * 1000);
    },
    (err: unknown) => ctx.log.warn({ err, userId }, "could not record a grading cooldown"),
  );
}
