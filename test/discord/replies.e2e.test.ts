import { InteractionResponseType as R } from "discord.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUSY } from "../../src/discord/reply.js";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { offlineGrade, tempDataDir } from "../helpers/sessions.js";

// How the bot acknowledges: work that takes milliseconds is answered in the response itself (type 4,
// one request, on screen at once); LLM grading, charts and group rounds are deferred (type 5) and edited.

const ANSWER =
  "At our Columbus DC, cycle counts showed 91% location accuracy. My goal was 98% within six months. I ran a Pareto on adjustment records and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%.";

let discord: FakeDiscord;
const bots: BotUnderTest[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await discord?.close();
});

async function start(options: Parameters<typeof startTestBot>[2] = {}, dir = tempDataDir()) {
  const bot = await startTestBot(discord, dir, options);
  bots.push(bot);
  return bot;
}

const startInterview = () =>
  discord.slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } });

describe("replies", () => {
  it("answers interview steps and offline grading directly, not with a deferral", async () => {
    discord = await startFakeDiscord();
    await start();
    const started = startInterview();
    expect((await started.response()).type).toBe(R.ChannelMessageWithSource);
    const question = await started.reply();
    expect(messageText(question)).toContain("Question 1 of 1");

    const resumed = discord.slashCommand({ name: "interview", subcommand: "resume" });
    expect((await resumed.response()).type).toBe(R.ChannelMessageWithSource);
    expect(messageText(await resumed.reply())).toContain("Question 1 of 1");

    const click = discord.clickButton({ message: question, label: "Answer" });
    await click.modal();
    const graded = discord.submitModal({ from: click, fields: { answer: ANSWER } });
    expect((await graded.response()).type).toBe(R.ChannelMessageWithSource);
    expect(messageText(await graded.reply())).toMatch(/Feedback: \d\/5/);

    const practice = discord.slashCommand({ name: "practice" });
    expect((await practice.response()).type).toBe(R.ChannelMessageWithSource);
    // A direct reply is one request: no edit of @original follows it.
    expect(discord.requestsTo("PATCH", "/webhooks/:appId/:token/messages/:messageId")).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("defers only for a chart: an interview's report comes with one, a step to the next question does not", async () => {
    discord = await startFakeDiscord();
    await start();
    const question = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { questions: 2 } })
      .reply();
    const skipped = discord.clickButton({ message: question, label: "Skip" });
    expect((await skipped.response()).type).toBe(R.ChannelMessageWithSource);
    const second = await skipped.reply();
    expect(messageText(second)).toContain("Question 2 of 2");
    const click = discord.clickButton({ message: second, label: "Answer" });
    await click.modal();
    await discord.submitModal({ from: click, fields: { answer: ANSWER } }).reply();
    const ended = discord.slashCommand({ name: "interview", subcommand: "end" });
    expect((await ended.response()).type).toBe(R.DeferredChannelMessageWithSource);
    const report = await ended.reply();
    expect(messageText(report)).toContain("Interview report");
    expect(report.attachments?.map((a) => a.filename)).toEqual(["progress.png"]);
    expect(discord.violations).toEqual([]);
  });

  it("defers grading when it may call the LLM, and edits the reply with the feedback", async () => {
    discord = await startFakeDiscord();
    // A key makes the bot grade with the LLM; the grade itself comes from the offline grader here.
    await start({ env: { OPENAI_API_KEY: "sk-test-0123456789" }, grade: offlineGrade });
    const question = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: question, label: "Answer" });
    await click.modal();
    const graded = discord.submitModal({ from: click, fields: { answer: ANSWER } });
    expect((await graded.response()).type).toBe(R.DeferredChannelMessageWithSource);
    expect(messageText(await graded.reply())).toMatch(/Feedback: \d\/5/);
    expect(discord.violations).toEqual([]);
  });

  it("in a burst, defers the quick answers past the first few, and answers every one", async () => {
    discord = await startFakeDiscord();
    await start();
    const burst = Array.from({ length: 4 * BUSY }, (_, i) =>
      discord.slashCommand({
        user: discord.createUser({ username: `burst${i}` }),
        name: "interview",
        subcommand: "start",
        options: { questions: 1 },
      }),
    );
    const types = await Promise.all(burst.map(async (i) => (await i.response()).type));
    expect(types).toContain(R.ChannelMessageWithSource);
    expect(types).toContain(R.DeferredChannelMessageWithSource);
    for (const i of burst) expect(messageText(await i.reply())).toContain("Question 1 of 1");
    expect(discord.violations).toEqual([]);
  });

  it("defers after all when the quick work is slow (a busy store), rather than miss Discord's window", async () => {
    discord = await startFakeDiscord();
    const slowStart = (store: Store): Store =>
      new Proxy(store, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key, target);
          if (key !== "createSession" || typeof value !== "function") {
            return typeof value === "function" ? value.bind(target) : value;
          }
          return async (...args: unknown[]) => {
            await new Promise((r) => setTimeout(r, 2_000));
            return value.apply(target, args);
          };
        },
      });
    await start({ wrapStore: slowStart });
    const started = startInterview();
    expect((await started.response()).type).toBe(R.DeferredChannelMessageWithSource);
    expect(messageText(await started.reply())).toContain("Question 1 of 1");
    expect(discord.violations).toEqual([]);
  });
});

describe("an interaction delivered twice is handled once", () => {
  it("by one process: the replay is turned away without asking the store; the first is recorded there", async () => {
    discord = await startFakeDiscord();
    const claims: string[] = [];
    const counting = (store: Store): Store =>
      new Proxy(store, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key, target);
          if (typeof value !== "function") return value;
          if (key !== "claimInteraction") return value.bind(target);
          return (id: string, at: string) => {
            claims.push(id);
            return value.call(target, id, at);
          };
        },
      });
    const bot = await start({ wrapStore: counting });
    const first = startInterview();
    await first.reply();
    // Recorded once answered (on SQLite, after the answer: the answer does not wait on the store).
    await vi.waitFor(() => expect(claims).toContain(first.id));
    discord.dispatch("INTERACTION_CREATE" as never, first.payload);
    await new Promise((r) => setTimeout(r, 300));
    expect(claims.filter((id) => id === first.id)).toHaveLength(1);
    expect(discord.requests.filter((r) => r.path.includes(`/interactions/${first.id}/`))).toHaveLength(1);
    expect(await bot.store.listSessions(first.payload.member?.user.id ?? "")).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  });

  it("by two clients in one process on one store, receiving it at the same moment: one answers, once", async () => {
    discord = await startFakeDiscord();
    const dir = tempDataDir();
    const a = await start({}, dir);
    await start({}, dir);
    const user = discord.createUser({ username: "twice" });
    const started = discord.slashCommand({
      user,
      name: "interview",
      subcommand: "start",
      options: { questions: 1 },
    });
    expect(messageText(await started.reply())).toContain("Question 1 of 1");
    await new Promise((r) => setTimeout(r, 500));
    expect(discord.requests.filter((r) => r.path.includes(`/interactions/${started.id}/`))).toHaveLength(1);
    expect(await a.store.listSessions(user.id)).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  });
});

describe("cooldowns", () => {
  it("opens the modal without waiting on the store, then records the cooldown there for other processes", async () => {
    discord = await startFakeDiscord();
    const bot = await start({ env: { GRADE_COOLDOWN_SECONDS: "60" } });
    const user = discord.createUser({ username: "quick" });
    const question = await discord.slashCommand({ user, name: "practice" }).reply();
    await discord.clickButton({ user, message: question, label: "Answer" }).modal();
    await vi.waitFor(async () =>
      expect((await bot.store.takeCooldown(user.id, "grade", new Date().toISOString(), 60)).ok).toBe(false),
    );
    const again = await discord.clickButton({ user, message: question, label: "Answer" }).reply();
    expect(messageText(again)).toMatch(/You're grading quickly: try again in \d+ s\./);
  });
});
