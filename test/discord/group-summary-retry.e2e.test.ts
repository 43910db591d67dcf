import type { APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, type FakeUser, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { tempDataDir } from "../helpers/sessions.js";
import { withGroupStore } from "../helpers/store-faults.js";

// A round's summary is posted exactly once in effect: the close claims it, a failed post is retried with
// backoff (by the scheduler, in this process or after a restart, or in another process), and a claim left
// by a process that died is taken over once its lease is over.

const ANSWER =
  "In my warehouse job our picking was slow and orders went out late. I was asked to fix it. I reorganised the pick faces with 5S and moved the fast movers closer to packing, and trained the team on the new layout. Orders went out faster after that and the supervisor was happy.";
const LEASE_MS = 90_000;

let discord: FakeDiscord;
const bots: BotUnderTest[] = [];
let t = Date.now();
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

/** A 10-minute round with one answer; the round's id and thread. */
async function roundWithAnAnswer(
  store: Store,
  user: FakeUser,
): Promise<{ roundId: string; threadId: string }> {
  const started = await discord
    .slashCommand({ user, name: "group", subcommand: "start", options: { minutes: 10 } })
    .reply();
  expect(messageText(started)).toMatch(/Round started in <#\d+>/);
  const thread = discord.threads(discord.defaultChannelId).at(-1);
  const question = discord.channelMessages(thread?.id)[0] as APIMessage;
  const click = discord.clickButton({ user, message: question, label: "Answer" });
  await click.modal();
  await discord.submitModal({ user, from: click, fields: { answer: ANSWER } }).reply();
  const [round] = await store.groups.listOpenRounds(discord.guilds[0]?.id ?? "");
  expect(round?.threadId).toBe(thread?.id);
  return { roundId: round?.id ?? "", threadId: thread?.id ?? "" };
}

const summaries = (threadId: string) =>
  discord.channelMessages(threadId).filter((m) => messageText(m).includes("Round summary"));

async function expectSummarizedOnce(store: Store, roundId: string, threadId: string): Promise<void> {
  expect(summaries(threadId)).toHaveLength(1);
  expect(messageText(summaries(threadId)[0] as APIMessage)).toContain("1 answered");
  expect(await store.groups.getSummary(roundId)).toMatchObject({
    state: "posted",
    messageId: summaries(threadId)[0]?.id,
  });
  expect(discord.violations).toEqual([]);
}

const FAILED = "could not post the round summary; will retry";

describe("round summary: exactly once, with retries", () => {
  it("retries a summary whose post failed at the close, with backoff, once", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const { bot, logs } = await start(tempDataDir());
    const { roundId, threadId } = await roundWithAnAnswer(
      bot.store,
      discord.createUser({ username: "starter" }),
    );
    discord.failRequests("POST", "/channels/:channelId/messages", { status: 503, code: 0, times: 4 });
    t += 11 * 60_000;
    const failure = await logs.waitFor(FAILED);
    expect(failure).toMatchObject({ level: 50, roundId, attempt: 1 });
    expect(summaries(threadId)).toHaveLength(0);
    expect(await bot.store.groups.getSummary(roundId)).toMatchObject({ state: "pending", attempts: 1 });
    t += 2_000;
    expect(await logs.waitFor("round summary posted")).toMatchObject({ roundId, attempt: 2 });
    await expectSummarizedOnce(bot.store, roundId, threadId);
  });

  it("tells the user who closed the round that the summary comes later, and posts it then", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const { bot, logs } = await start(tempDataDir());
    const starter = discord.createUser({ username: "starter" });
    const { roundId, threadId } = await roundWithAnAnswer(bot.store, starter);
    discord.failRequests("POST", "/channels/:channelId/messages", { times: 1 });
    const closed = await discord
      .slashCommand({ user: starter, name: "group", subcommand: "close", channelId: threadId })
      .reply();
    expect(messageText(closed)).toContain("its summary could not be posted yet");
    t += 2_000;
    await logs.waitFor("round summary posted");
    await expectSummarizedOnce(bot.store, roundId, threadId);
  });

  it("after a restart, retries a summary that failed before the process stopped", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const dir = tempDataDir();
    const first = await start(dir);
    const { roundId, threadId } = await roundWithAnAnswer(
      first.bot.store,
      discord.createUser({ username: "starter" }),
    );
    discord.failRequests("POST", "/channels/:channelId/messages", { times: 1 });
    t += 11 * 60_000;
    await first.logs.waitFor(FAILED);
    await stop(first.bot);
    const second = await start(dir);
    t += 2_000;
    expect(await second.logs.waitFor("round summary posted")).toMatchObject({ roundId, attempt: 2 });
    await expectSummarizedOnce(second.bot.store, roundId, threadId);
  });

  it("a process that died before recording the summary: the next one, after the lease, does not post it twice", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const dir = tempDataDir();
    const dead = new Error("the process died here");
    const first = await start(dir, {
      wrapStore: (store) =>
        withGroupStore(store, {
          recordSummary: async () => {
            throw dead;
          },
          releaseSummary: async () => {
            throw dead;
          },
        }),
    });
    const { roundId, threadId } = await roundWithAnAnswer(
      first.bot.store,
      discord.createUser({ username: "starter" }),
    );
    t += 11 * 60_000;
    await first.logs.waitFor(FAILED);
    expect(summaries(threadId)).toHaveLength(1);
    await stop(first.bot);
    const second = await start(dir);
    t += LEASE_MS;
    expect(await second.logs.waitFor("round summary posted")).toMatchObject({ roundId, attempt: 2 });
    await expectSummarizedOnce(second.bot.store, roundId, threadId);
  });

  it("a thread deleted while the bot was down: the summary is given up, with a warning that says why", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const dir = tempDataDir();
    const first = await start(dir);
    const { roundId, threadId } = await roundWithAnAnswer(
      first.bot.store,
      discord.createUser({ username: "starter" }),
    );
    await stop(first.bot);
    // A moderator deletes the thread meanwhile.
    const deleted = await fetch(`${discord.apiBase}/v10/channels/${threadId}`, {
      method: "DELETE",
      headers: { authorization: `Bot ${discord.token}` },
    });
    expect(deleted.status).toBe(200);
    const second = await start(dir);
    t += 11 * 60_000;
    const warning = await second.logs.waitFor("the round's channel or thread no longer exists");
    expect(warning).toMatchObject({
      level: 40,
      channelId: threadId,
      err: expect.objectContaining({ code: 10003 }),
    });
    await second.logs.waitFor("round summary not posted: its channel and thread are gone");
    expect(await second.bot.store.groups.getSummary(roundId)).toMatchObject({
      state: "abandoned",
      messageId: null,
    });
    expect(second.logs.with(FAILED)).toEqual([]);
  });

  it("two bots on one database, a failed summary: posted once", async () => {
    discord = await startFakeDiscord();
    t = Date.now();
    const dir = tempDataDir();
    const a = await start(dir);
    const b = await start(dir);
    const { roundId, threadId } = await roundWithAnAnswer(
      a.bot.store,
      discord.createUser({ username: "starter" }),
    );
    discord.failRequests("POST", "/channels/:channelId/messages", { times: 1 });
    t += 11 * 60_000;
    await Promise.race([a.logs.waitFor(FAILED), b.logs.waitFor(FAILED)]);
    t += 2_000;
    await Promise.race([a.logs.waitFor("round summary posted"), b.logs.waitFor("round summary posted")]);
    expect(a.logs.with("group round closed").length + b.logs.with("group round closed").length).toBe(1);
    expect(a.logs.with("round summary posted").length + b.logs.with("round summary posted").length).toBe(1);
    await expectSummarizedOnce(a.bot.store, roundId, threadId);
  });
});
