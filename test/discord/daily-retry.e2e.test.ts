import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { tempDataDir } from "../helpers/sessions.js";
import { withGroupStore } from "../helpers/store-faults.js";

// The daily question is posted exactly once in effect: a failed post is retried with backoff, in the same
// process and after a restart; a claim left by a process that died is taken over once its lease is over;
// and whatever fails where, the channel gets one announcement and one thread.

const DAY = "2026-11-25";
const DUE = Date.parse(`${DAY}T09:31:00.000Z`);
const LEASE_MS = 90_000;

let discord: FakeDiscord;
const bots: BotUnderTest[] = [];
let t = DUE;
const now = () => new Date(t);

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await discord?.close();
});

async function start(
  dir: string,
  options: { wrapStore?: (store: Store) => Store } = {},
): Promise<{ bot: BotUnderTest; logs: LogCapture }> {
  const logs = captureLog();
  const bot = await startTestBot(discord, dir, { now, tickMs: 40, log: logs.log, ...options });
  bots.push(bot);
  return { bot, logs };
}

async function stop(bot: BotUnderTest): Promise<void> {
  bots.splice(bots.indexOf(bot), 1);
  await bot.stop();
}

const guildId = () => discord.guilds[0]?.id ?? "";

/** Today's question at 09:30 UTC, set yesterday: due from the first tick. */
async function scheduleDaily(store: Store): Promise<void> {
  await store.groups.saveDaily({
    guildId: guildId(),
    channelId: discord.defaultChannelId,
    time: "09:30",
    focus: "inventory",
    level: "mid",
    minutes: 60,
    setBy: "1",
    updatedAt: "2026-11-24T12:00:00.000Z",
  });
}

const announcements = () => discord.channelMessages().filter((m) => m.content.includes("Daily question"));

/** Waits for the announcement and the question in its thread, and for the bot to record the day posted. */
async function posted(logs: LogCapture): Promise<Record<string, unknown>> {
  const line = await logs.waitFor("daily question posted");
  const announcement = announcements()[0];
  expect(announcement).toBeDefined();
  const question = discord.channelMessages(announcement?.id)[0];
  expect(messageText(question as never)).toContain("Question of the day");
  return line;
}

/** Exactly one announcement, one thread and one question, and the store says so. */
async function expectPostedOnce(store: Store, attempts: number): Promise<void> {
  expect(announcements()).toHaveLength(1);
  const threads = discord.threads(discord.defaultChannelId);
  expect(threads).toHaveLength(1);
  expect(discord.channelMessages(threads[0]?.id)).toHaveLength(1);
  const claim = await store.groups.getDailyPost(guildId(), DAY);
  expect(claim).toMatchObject({ state: "posted", attempts, messageId: announcements()[0]?.id });
  const round = await store.groups.getRound(claim?.roundId ?? "");
  expect(round).toMatchObject({ status: "open", threadId: threads[0]?.id, source: "daily" });
  expect(discord.violations).toEqual([]);
}

describe("daily question: exactly once, with retries", () => {
  it("retries a failed post with backoff in the same process, and a restart does not post it again", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const dir = tempDataDir();
    const { bot, logs } = await start(dir);
    discord.failRequests("POST", "/channels/:channelId/messages", { status: 500, code: 0, times: 4 });
    await scheduleDaily(bot.store);
    const failure = await logs.waitFor("could not post the daily question; will retry");
    expect(failure).toMatchObject({ level: 50, attempt: 1, retryAt: new Date(DUE + 2_000).toISOString() });
    expect(failure.err).toBeDefined();
    expect(announcements()).toHaveLength(0);
    // Not before the backoff is over: the claim is back, but not yet to be had.
    await logs.waitFor("daily question claimed by another attempt");
    expect(announcements()).toHaveLength(0);
    t += 2_000;
    expect(await posted(logs)).toMatchObject({ attempt: 2 });
    await expectPostedOnce(bot.store, 2);

    await stop(bot);
    t += 60_000;
    const again = await start(dir);
    await again.logs.waitFor("daily question already posted");
    await expectPostedOnce(again.bot.store, 2);
  });

  it("after a restart, retries a post that failed before the process stopped", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const dir = tempDataDir();
    const first = await start(dir);
    discord.failRequests("POST", "/channels/:channelId/messages", { times: 1 });
    await scheduleDaily(first.bot.store);
    await first.logs.waitFor("could not post the daily question; will retry");
    await stop(first.bot);
    expect(announcements()).toHaveLength(0);

    const second = await start(dir);
    t += 2_000;
    expect(await posted(second.logs)).toMatchObject({ attempt: 2 });
    await expectPostedOnce(second.bot.store, 2);
  });

  it("goes on from an announcement already posted when a later step failed: no second announcement", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const { bot, logs } = await start(tempDataDir());
    discord.failRequests("POST", "/channels/:channelId/messages/:messageId/threads", { times: 1 });
    await scheduleDaily(bot.store);
    await logs.waitFor("could not post the daily question; will retry");
    expect(announcements()).toHaveLength(1);
    expect(discord.threads(discord.defaultChannelId)).toHaveLength(0);
    t += 2_000;
    await posted(logs);
    await expectPostedOnce(bot.store, 2);
    expect(discord.requestsTo("POST", "/channels/:channelId/messages/:messageId/threads")).toHaveLength(2);
  });

  it("a process that died between Discord's answer and recording it: the next one, after the lease, posts nothing twice", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const dir = tempDataDir();
    // The store stops answering right after the announcement is created: nothing records it, and the
    // claim is not given back (as if the process had died there).
    const dead = new Error("the process died here");
    const first = await start(dir, {
      wrapStore: (store) =>
        withGroupStore(store, {
          recordDailyPost: async (guild, day, by, progress) => {
            if (progress.messageId) throw dead;
            return store.groups.recordDailyPost(guild, day, by, progress);
          },
          releaseDailyPost: async () => {
            throw dead;
          },
        }),
    });
    await scheduleDaily(first.bot.store);
    await first.logs.waitFor("could not post the daily question; will retry");
    expect(
      first.logs.with("could not give back the daily question's claim; it is retried when its lease ends"),
    ).not.toEqual([]);
    expect(await first.bot.store.groups.getDailyPost(guildId(), DAY)).toMatchObject({
      state: "claimed",
      messageId: null,
    });
    await stop(first.bot);
    expect(announcements()).toHaveLength(1);
    expect(discord.threads(discord.defaultChannelId)).toHaveLength(0);

    const second = await start(dir);
    // Its claim holds until the lease is over.
    await second.logs.waitFor("daily question claimed by another attempt");
    t += LEASE_MS;
    expect(await posted(second.logs)).toMatchObject({ attempt: 2 });
    await expectPostedOnce(second.bot.store, 2);
  });

  it("two bots on one database, a failed first post: posted once", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const dir = tempDataDir();
    const a = await start(dir);
    const b = await start(dir);
    discord.failRequests("POST", "/channels/:channelId/messages", { times: 1 });
    await scheduleDaily(a.bot.store);
    await Promise.race([
      a.logs.waitFor("could not post the daily question; will retry"),
      b.logs.waitFor("could not post the daily question; will retry"),
    ]);
    // Each bot has seen the claim held (by the other, or its own failed attempt's backoff).
    await a.logs.waitFor("daily question claimed by another attempt");
    await b.logs.waitFor("daily question claimed by another attempt");
    t += 2_000;
    await Promise.race([a.logs.waitFor("daily question posted"), b.logs.waitFor("daily question posted")]);
    // Both bots learn the day is posted; neither posts it again.
    await Promise.all(
      [a, b].map((x) =>
        x.logs.waitFor(
          (l) => l.msg === "daily question already posted" || l.msg === "daily question posted",
          "the day posted, as each bot sees it",
        ),
      ),
    );
    expect(a.logs.with("daily question posted").length + b.logs.with("daily question posted").length).toBe(1);
    await expectPostedOnce(a.bot.store, 2);
  });

  it("a claim left by a process that died is taken over once its lease is over", async () => {
    discord = await startFakeDiscord();
    t = DUE;
    const { bot, logs } = await start(tempDataDir());
    const at = new Date(t).toISOString();
    const taken = await bot.store.groups.claimDailyPost(guildId(), DAY, {
      by: "a-process-that-died",
      at,
      leaseUntil: new Date(t + LEASE_MS).toISOString(),
    });
    expect(taken).not.toBeNull();
    await scheduleDaily(bot.store);
    await logs.waitFor("daily question claimed by another attempt");
    expect(announcements()).toHaveLength(0);
    t += LEASE_MS;
    expect(await posted(logs)).toMatchObject({ attempt: 2 });
    await expectPostedOnce(bot.store, 2);
  });
});
