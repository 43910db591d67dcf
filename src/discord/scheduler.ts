import type { Client } from "discord.js";
import { dueDay } from "../core/daily/due.js";
import { after, retryDelayMs } from "../core/daily/retry.js";
import { StarCoachError } from "../core/errors.js";
import type { Question } from "../core/questions/schema.js";
import type { DailyPostClaim } from "../store/group-store.js";
import type { DailySchedule, GroupRound } from "../store/records.js";
import type { BotContext } from "./context.js";
import { closeAndSummarize, newClaim, PostRetryScheduled, postRound, retrySummary } from "./group/post.js";

export const TICK_MS = 30_000;

export interface Scheduler {
  /** Closes due rounds, retries summaries and posts due daily questions; safe from every shard and process. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/** Another claimant took the day's claim over while this one was posting (its lease ran out). */
class LostClaim extends StarCoachError {
  override readonly name = "LostClaim";
}

/**
 * The round a daily claim goes on with: the one an earlier attempt created, if it is still open, or a new
 * one. A round not announced yet opens for its full time from now.
 */
async function dailyRound(
  ctx: BotContext,
  schedule: DailySchedule,
  claim: DailyPostClaim,
  earlier: GroupRound | null,
): Promise<{ round: GroupRound; question: Question }> {
  const question = earlier ? ctx.content.bank.get(earlier.questionId) : undefined;
  if (earlier?.status === "open" && question) {
    if (claim.messageId) return { round: earlier, question };
    const round = { ...earlier, closesAt: after(ctx.now(), schedule.minutes * 60_000) };
    await ctx.store.groups.saveRound(round);
    return { round, question };
  }
  return ctx.groups.start({
    guildId: schedule.guildId,
    channelId: schedule.channelId,
    startedBy: null,
    source: "daily",
    level:
      schedule.level ??
      (await ctx.store.getGuildSettings(schedule.guildId)).defaultLevel ??
      ctx.config.DEFAULT_LEVEL,
    competencies: schedule.focus ? [schedule.focus] : [],
    minutes: schedule.minutes,
  });
}

/**
 * Posts a guild's daily question for `day`, exactly once in effect across processes and restarts:
 *
 * 1. Claim the day (a row per guild and day) with a lease: the first claim, or a retry of a claim that
 *    is not posted and whose lease is over (a failed attempt gives its claim back with a backoff; a process
 *    that died leaves it to expire).
 * 2. Record the round the claim posts before posting it, and the announcement's message id right after
 *    Discord accepts it; every record names the claim, so a claimant that lost its claim stops.
 * 3. A retry goes on from what was recorded: the same round, the same announcement (its thread, found if
 *    already started), and every message is sent with a nonce Discord enforces, so a post whose answer or
 *    record was lost comes back as the same message instead of a second one.
 * 4. Once the question is in its thread, the day is recorded as posted; a posted day is never claimed again.
 *
 * The window: a process that dies after Discord created a message and before the store recorded it (one
 * store write) leaves nothing recorded; the next claimant, once the lease is over (90 s), sends the same
 * nonce, and Discord returns the existing message as long as it remembers the nonce (a few minutes). Only
 * a retry later than that could post a second announcement.
 */
async function postDaily(
  client: Client,
  ctx: BotContext,
  schedule: DailySchedule,
  day: string,
): Promise<"posted" | "not claimed"> {
  const { guildId } = schedule;
  const claim = await ctx.store.groups.claimDailyPost(guildId, day, newClaim(ctx));
  if (!claim) return "not claimed";
  const where = { guildId, day, attempt: claim.attempt, by: claim.by };
  const record = async (progress: Parameters<BotContext["store"]["groups"]["recordDailyPost"]>[3]) => {
    if (!(await ctx.store.groups.recordDailyPost(guildId, day, claim.by, progress)))
      throw new LostClaim("the claim on this daily post was taken over");
  };
  try {
    if (claim.attempt > 1) ctx.log.info(where, "retrying the daily question");
    const earlier = claim.roundId ? await ctx.store.groups.getRound(claim.roundId) : null;
    if (earlier?.messageId || (claim.messageId && earlier?.status !== "open")) {
      // An earlier attempt got the round up (or announced one that has closed since): never a second one.
      await record({ postedAt: ctx.now().toISOString() });
      ctx.log.info({ ...where, roundId: earlier?.id }, "daily question was posted by an earlier attempt");
      return "posted";
    }
    const { round, question } = await dailyRound(ctx, schedule, claim, earlier);
    const resumed = round.id === claim.roundId;
    if (!resumed) await record({ roundId: round.id, messageId: null });
    const posted = await postRound(client, ctx, round, question, {
      announcementId: resumed ? claim.messageId : null,
      onAnnounced: async (messageId) => {
        if (!resumed || messageId !== claim.messageId) await record({ messageId });
      },
    });
    await record({ postedAt: ctx.now().toISOString() });
    ctx.log.info({ ...where, roundId: posted.id }, "daily question posted");
    return "posted";
  } catch (err) {
    if (err instanceof LostClaim) {
      ctx.log.warn(where, "another process took over the daily question's claim; it goes on from there");
      return "not claimed";
    }
    const retryAt = new Date(ctx.now().getTime() + retryDelayMs(claim.attempt));
    await ctx.store.groups
      .releaseDailyPost(guildId, day, claim.by, retryAt.toISOString())
      .catch((releaseErr: unknown) =>
        ctx.log.error(
          { err: releaseErr, ...where },
          "could not give back the daily question's claim; it is retried when its lease ends",
        ),
      );
    ctx.log.error(
      { err, ...where, retryAt: retryAt.toISOString() },
      "could not post the daily question; will retry",
    );
    throw new PostRetryScheduled("The daily question could not be posted yet.", retryAt, { cause: err });
  }
}

/**
 * Runs `tick` every `tickMs` (and once when asked); ticks never overlap. A post that failed is retried
 * with backoff: at the tick after its retry time, or sooner, by a wake-up, when that comes before the next
 * tick.
 */
export function startScheduler(client: Client, ctx: BotContext, tickMs = TICK_MS): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  let wake: { timer: NodeJS.Timeout; at: number } | null = null;
  /** Guild and day pairs known to be posted: the store is not asked about them again today. */
  const posted = new Set<string>();

  const wakeAt = (retryAt: Date) => {
    const ms = Math.max(0, retryAt.getTime() - ctx.now().getTime());
    const at = Date.now() + ms;
    if (stopped || ms >= tickMs || (wake && wake.at <= at)) return;
    if (wake) clearTimeout(wake.timer);
    const timer = setTimeout(() => {
      wake = null;
      void tick();
    }, ms);
    timer.unref();
    wake = { timer, at };
  };
  const failed = (err: unknown, what: string, fields: Record<string, unknown>) => {
    // A failed post is logged where it failed, with its retry time.
    if (err instanceof PostRetryScheduled) wakeAt(err.retryAt);
    else ctx.log.error({ err, ...fields }, what);
  };

  const work = async () => {
    for (const round of await ctx.groups.due()) {
      await closeAndSummarize(client, ctx, round.id, null).catch((err: unknown) =>
        failed(err, "could not close a group round", { roundId: round.id }),
      );
    }
    for (const round of await ctx.groups.pendingSummaries()) {
      await retrySummary(client, ctx, round).catch((err: unknown) =>
        failed(err, "could not retry a round summary", { roundId: round.id }),
      );
    }
    const now = ctx.now();
    const today = now.toISOString().slice(0, 10);
    for (const key of posted) if (!key.endsWith(today)) posted.delete(key);
    for (const schedule of await ctx.store.groups.listDailies()) {
      const day = dueDay(schedule, now);
      const key = `${schedule.guildId}:${day}`;
      if (day === null || posted.has(key)) continue;
      const outcome = await postDaily(client, ctx, schedule, day).catch((err: unknown) => {
        failed(err, "could not post the daily question", { guildId: schedule.guildId, day });
        return "failed" as const;
      });
      if (outcome === "posted") posted.add(key);
      if (outcome !== "not claimed") continue;
      const claim = await ctx.store.groups.getDailyPost(schedule.guildId, day);
      if (claim?.state === "posted") {
        posted.add(key);
        ctx.log.info({ guildId: schedule.guildId, day }, "daily question already posted");
      } else if (claim) {
        ctx.log.debug(
          { guildId: schedule.guildId, day, by: claim.claimedBy, leaseUntil: claim.leaseUntil },
          "daily question claimed by another attempt",
        );
      }
    }
  };
  const tick = () => {
    running ??= work()
      .catch((err: unknown) => ctx.log.error({ err }, "scheduler tick failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (wake) clearTimeout(wake.timer);
      await running;
    },
  };
}
