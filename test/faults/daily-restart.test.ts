import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { botEnv } from "../helpers/bot.js";
import type { BotProcess } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";
import {
  denyBotUntilRestored,
  expectAlive,
  launchBot,
  recordResult,
  START_TIMEOUT_MS,
  stopOrKill,
  whileAlive,
} from "./helpers.js";

// Scenario 6 (issue 12, item 9). The daily question's post fails (the bot may not send messages in the
// channel), the bot process is stopped before a retry can succeed, the permission is given back, and the
// bot is started again the same day: the question is posted exactly once, by the restarted process, and
// its round takes answers.
// Guards: the daily claim that is given back with a retry time and taken again after a restart
// (src/discord/scheduler.ts postDaily, claimDailyPost/releaseDailyPost in src/store/): without it the
// claim taken before the failed post marks the day as done and the restarted process never posts.

const ANSWER =
  "At our Joliet warehouse, mispicks ran at 1.2% and customers returned 300 orders a month. My goal was under 0.3% by year end. I mapped the pick path, added scan-to-confirm at pack and retrained two shifts on the new slotting. As a result, mispicks fell from 1.2% to 0.25% and returns dropped by 240 a month.";

let discord: FakeDiscord | undefined;
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) await stopOrKill(bot);
  await discord?.close();
});

const posted = (bot: BotProcess) => bot.logs().filter((l) => l.msg === "daily question posted");
const failed = (bot: BotProcess) =>
  bot.logs().filter((l) => l.msg === "could not post the daily question; will retry");

describe("fault: a failed daily post, then a restart of the bot process", () => {
  it("posts the daily question exactly once, after the restart", async () => {
    discord = await startFakeDiscord({ waitTimeoutMs: 60_000 });
    const dataDir = tempDataDir();
    const guildId = discord.guilds[0]?.id ?? "";
    const channelId = discord.defaultChannelId;
    const day = new Date().toISOString().slice(0, 10);
    // Set yesterday for 00:00 UTC: due from the moment the bot is up.
    const setup = await openSqliteStore(join(dataDir, SQLITE_FILE));
    await setup.groups.saveDaily({
      guildId,
      channelId,
      time: "00:00",
      focus: null,
      level: "mid",
      minutes: 60,
      setBy: "1",
      updatedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await setup.close();
    const announcements = () =>
      discord?.channelMessages(channelId).filter((m) => m.content.includes("Daily question")) ?? [];

    // The bot may not post in the channel: every attempt fails (Discord's 50013 Missing Permissions).
    const restore = denyBotUntilRestored(discord, channelId, PermissionFlagsBits.SendMessages);
    const env = botEnv(discord, dataDir);
    const first = (await launchBot(discord, env)).bot;
    bots.push(first);
    await whileAlive(
      first,
      first.waitForLog(
        (l) => l.msg === "could not post the daily question; will retry",
        "the first process's failed post",
        START_TIMEOUT_MS,
      ),
      "the failed post",
    );
    expectAlive(first);
    expect(await first.stop()).toBe(0);
    bots.splice(bots.indexOf(first), 1);
    expect(announcements()).toHaveLength(0);
    expect(posted(first)).toHaveLength(0);

    // Permission given back; the bot started again, the same day.
    restore();
    const restarted = Date.now();
    const second = (await launchBot(discord, env)).bot;
    bots.push(second);
    const line = await whileAlive(
      second,
      second.waitForLog(
        (l) => l.msg === "daily question posted",
        "the restarted process's post",
        START_TIMEOUT_MS,
      ),
      "the post after the restart",
    );
    const recoverMs = Date.now() - restarted;
    expect(line).toMatchObject({ guildId, day });
    expect(Number(line.attempt)).toBe(failed(first).length + 1);

    // Exactly once: one announcement, one thread, one question in it.
    const [announcement, ...more] = announcements();
    expect(more).toHaveLength(0);
    const threads = discord.threads(channelId);
    expect(threads).toHaveLength(1);
    const [question, ...others] = discord.channelMessages(threads[0]?.id);
    expect(others).toHaveLength(0);
    expect(messageText(question as never)).toContain("Question of the day");

    // The round takes an answer.
    const user = discord.createUser({ username: "dee" });
    const click = discord.clickButton({ user, message: question as never, label: "Answer" });
    await click.modal();
    const feedback = await discord.submitModal({ user, from: click, fields: { answer: ANSWER } }).reply();
    expect(messageText(feedback)).toMatch(/\d\/5/);
    expectAlive(second);
    expect(posted(second)).toHaveLength(1);
    // The refused posts (50013, what the test arranged) are the only thing Discord refused.
    expect(discord.violations.filter((v) => v.code !== 50013)).toEqual([]);
    expect(discord.violations.length).toBe(failed(first).length);
    expect(await second.stop()).toBe(0);
    bots.splice(bots.indexOf(second), 1);
    expect(announcements()).toHaveLength(1);

    const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
    try {
      const claim = await store.groups.getDailyPost(guildId, day);
      expect(claim).toMatchObject({ state: "posted", messageId: announcement?.id });
      expect(await store.groups.getRound(claim?.roundId ?? "")).toMatchObject({
        status: "open",
        source: "daily",
        threadId: threads[0]?.id,
      });
      const attempts = await store.listAttempts(user.id);
      expect(attempts.map((a) => a.answerText)).toEqual([ANSWER]);
      recordResult({
        order: 6,
        scenario: "6. Failed daily post, then a restart",
        recoverMs,
        answersLost: attempts.length === 1 && attempts[0]?.grade ? 0 : 1,
        note: `${failed(first).length} failed attempt(s) before the stop; posted once by the restarted process (attempt ${line.attempt}); 1 announcement, 1 thread`,
      });
    } finally {
      await store.close();
    }
  });
});
