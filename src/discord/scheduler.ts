import { hostname } from "node:os";
import type { Client } from "discord.js";
import { dueDay } from "../core/daily/due.js";
import type { DailySchedule } from "../store/records.js";
import type { BotContext } from "./context.js";
import { closeAndSummarize, startRound } from "./group/post.js";

export const TICK_MS = 30_000;

/** Names this process in daily-post claims, for the logs. */
const PROCESS_ID = `${hostname()}:${process.pid}`;

export interface Scheduler {
  /** Closes due rounds and posts due daily questions; safe to call from every shard and process. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

async function postDaily(
  client: Client,
  ctx: BotContext,
  schedule: DailySchedule,
  day: string,
): Promise<void> {
  const claimed = await ctx.store.groups.claimDailyPost(
    schedule.guildId,
    day,
    PROCESS_ID,
    ctx.now().toISOString(),
  );
  if (!claimed) {
    ctx.log.info({ guildId: schedule.guildId, day }, "daily question already claimed elsewhere");
    return;
  }
  const posted = await startRound(client, ctx, {
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
  ctx.log.info(
    { guildId: schedule.guildId, day, roundId: posted.id, by: PROCESS_ID },
    "daily question posted",
  );
}

/** Runs `tick` every `tickMs` (and once when asked); ticks never overlap. */
export function startScheduler(client: Client, ctx: BotContext, tickMs = TICK_MS): Scheduler {
  let running: Promise<void> | null = null;
  const tried = new Set<string>();
  const work = async () => {
    for (const round of await ctx.groups.due()) {
      await closeAndSummarize(client, ctx, round.id, null).catch((err: unknown) =>
        ctx.log.error({ err, roundId: round.id }, "could not close a group round"),
      );
    }
    const now = ctx.now();
    const today = now.toISOString().slice(0, 10);
    for (const key of tried) if (!key.endsWith(today)) tried.delete(key);
    for (const schedule of await ctx.store.groups.listDailies()) {
      const day = dueDay(schedule, now);
      const key = `${schedule.guildId}:${day}`;
      if (day === null || tried.has(key)) continue;
      // One claim per guild and day from this process; the store decides which process posts.
      tried.add(key);
      await postDaily(client, ctx, schedule, day).catch((err: unknown) =>
        ctx.log.error({ err, guildId: schedule.guildId, day }, "could not post the daily question"),
      );
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
      clearInterval(timer);
      await running;
    },
  };
}
