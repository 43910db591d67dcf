import type { APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, findButton, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";

const WEAK =
  "At our warehouse the stock counts were often wrong. I was asked to fix it. I retrained the team on the scanners and changed how we count.";
const RESULT =
  "As a result, inventory record accuracy rose from 88% to 97% within three months and short shipments fell by 40%, saving about $30,000 a year.";
const STRONG = [
  "At our Columbus DC, cycle counts showed 91% location accuracy last spring and stores were getting short shipments.",
  "My goal was to reach 98% accuracy within six months without extra headcount.",
  "I ran a Pareto on adjustment records in SQL, moved the fast movers to weekly ABC counts and retrained receiving on unit-of-measure checks.",
  "As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year; it has held for two quarters.",
].join(" ");

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

async function answer(message: APIMessage, label: string, text: string): Promise<APIMessage> {
  const click = discord.clickButton({ message, label });
  const modal = await click.modal();
  const field = JSON.stringify(modal).includes('"custom_id":"answer"') ? "answer" : "action";
  return discord.submitModal({ from: click, fields: { [field]: text } }).reply();
}

function noPings(): void {
  for (const r of discord.requests) {
    const body = r.body as {
      allowed_mentions?: { parse?: unknown[] };
      data?: { allowed_mentions?: { parse?: unknown[] } };
    } | null;
    const sendsText =
      body &&
      typeof body === "object" &&
      ("content" in body ||
        "embeds" in body ||
        (body.data && ("content" in body.data || "embeds" in body.data)));
    if (!sendsText) continue;
    const mentions = body?.allowed_mentions ?? body?.data?.allowed_mentions;
    expect(mentions?.parse, `${r.method} ${r.path}`).toEqual([]);
  }
}

describe("Discord bot end to end (real discord.js client, fake Discord on loopback)", () => {
  it("runs a 3-question mock interview with a follow-up, privately, to the report", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const start = discord.slashCommand({
      name: "interview",
      subcommand: "start",
      options: { level: "entry", focus: "inventory", questions: 3 },
    });
    expect((await start.response()).data.flags).toBe(64);
    let message = await start.reply();
    expect(messageText(message)).toContain("Question 1 of 3");
    message = await answer(message, "Answer", WEAK);
    expect(messageText(message)).toMatch(/Feedback: \d\/5/);
    expect(messageText(message)).toContain("Follow-up");
    message = await answer(message, "Answer follow-up", RESULT);
    expect(messageText(message)).toMatch(/Result ●●●[●○] [34]\/4/);
    message = await discord.clickButton({ message, label: "Next" }).reply();
    expect(messageText(message)).toContain("Question 2 of 3");
    message = await answer(message, "Answer", STRONG);
    expect(findButton(message, "Next")).toBeDefined();
    message = await discord.clickButton({ message, label: "Next" }).reply();
    expect(messageText(message)).toContain("Question 3 of 3");
    message = await discord.clickButton({ message, label: "Skip" }).reply();
    expect(messageText(message)).toContain("Interview report");
    expect(messageText(message)).toContain("skipped");
    const chart = discord.requests.flatMap((r) => r.files).find((f) => f.name === "progress.png");
    expect(chart?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(discord.violations).toEqual([]);
    expect(discord.unknownRoutes).toEqual([]);
    for (const l of discord.ackLatencies()) expect(l.latencyMs).toBeLessThan(3000);
    noPings();
  });

  it("handles an empty answer and a 4,000-character one within Discord's limits", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const first = await discord.slashCommand({ name: "practice", options: { focus: "quality" } }).reply();
    const empty = await answer(first, "Answer", "   ");
    expect(messageText(empty)).toContain("no answer to grade");
    const long = `${STRONG} `.repeat(20).slice(0, 4000);
    const graded = await answer(first, "Answer", long);
    expect(messageText(graded)).toMatch(/Feedback: \d\/5/);
    expect(messageText(graded)).toMatch(/min spoken/);
    expect(discord.violations).toEqual([]);
  });

  it("never pings: an answer with @everyone and a role mention is shown as text", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const q = await discord.slashCommand({ name: "practice" }).reply();
    const graded = await answer(q, "Answer", `@everyone <@&123456789012345678> @here ${STRONG}`);
    expect(messageText(graded)).toContain("everyone");
    noPings();
    expect(discord.violations).toEqual([]);
  });

  it("tells another user that a session is not theirs", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const q = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } })
      .reply();
    const click = discord.clickButton({ message: q, label: "Answer" });
    const modalId = (await click.modal()).custom_id;
    const intruder = discord.createUser({ username: "intruder" });
    const reply = await discord
      .submitModal({ user: intruder, customId: modalId, fields: { answer: STRONG } })
      .reply();
    expect(messageText(reply)).toContain("This is not your session.");
  });

  it("keeps a session going when the gateway socket drops and resumes", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const q = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { questions: 2, followups: false } })
      .reply();
    discord.dropConnection();
    await discord.waitForResume();
    const graded = await answer(q, "Answer", STRONG);
    expect(messageText(graded)).toMatch(/Feedback: \d\/5/);
    expect(discord.gatewayStats.resumes).toBeGreaterThanOrEqual(1);
  });

  it("continues a session after the bot is restarted; the old buttons still work", async () => {
    discord = await startFakeDiscord();
    const dataDir = tempDataDir();
    bot = await startTestBot(discord, dataDir);
    const q = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { questions: 2, followups: false } })
      .reply();
    const feedback = await answer(q, "Answer", STRONG);
    expect(messageText(feedback)).toMatch(/Feedback: \d\/5/);
    // A new bot on the same data: a new client, store connection and services; only the store is kept.
    await bot.stop();
    bot = await startTestBot(discord, dataDir);
    expect(discord.identifies).toHaveLength(2);
    const next = await discord.clickButton({ message: feedback, label: "Next" }).reply();
    expect(messageText(next)).toContain("Question 2 of 2");
  });
});
