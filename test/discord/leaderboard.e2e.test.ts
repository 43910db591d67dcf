import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, type FakeUser, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";

const STRONG =
  "At our Columbus DC, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";
const WEAK = "We had some issues and the team worked hard to fix them. It went well in the end.";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

async function practise(user: FakeUser, text: string, guildId?: string | null): Promise<void> {
  const q = await discord
    // The answers tell inventory stories: a question about another competency would cap them at 3.
    .slashCommand({
      user,
      name: "practice",
      options: { focus: "inventory" },
      ...(guildId === null ? { guildId } : {}),
    })
    .reply();
  const click = discord.clickButton({ user, message: q, label: "Answer" });
  await click.modal();
  await discord.submitModal({ user, from: click, fields: { answer: text } }).reply();
}

describe("leaderboard and streaks end to end", () => {
  it("ranks only members who opted in, by practice and improvement, and tells the others why they are missing", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const ana = discord.createUser({ username: "ana" });
    const ben = discord.createUser({ username: "ben" });
    const cy = discord.createUser({ username: "cy" });
    for (const u of [ana, ben]) {
      await discord
        .slashCommand({ user: u, name: "settings", subcommand: "me", options: { public: true } })
        .reply();
    }
    // ana practises three times and improves; ben once, strongly; cy practises but stays private.
    await practise(ana, WEAK);
    await practise(ana, WEAK);
    await practise(ana, STRONG);
    await practise(ben, STRONG);
    await practise(cy, STRONG);
    await practise(cy, STRONG);
    // Practice in a DM is not this server's.
    await practise(ben, STRONG, null);
    await practise(ben, STRONG, null);
    await practise(ben, STRONG, null);

    const board = discord.slashCommand({ user: cy, name: "leaderboard", options: { period: "week" } });
    const text = messageText(await board.reply());
    expect(text).toContain("Leaderboard: the last 7 days");
    const anaLine = text.split("\n").find((l) => l.includes("ana")) ?? "";
    const benLine = text.split("\n").find((l) => l.includes("ben")) ?? "";
    expect(anaLine).toMatch(/^\*\*1\.\*\* ana: \*\*\d+\*\* pts · 3 answers on 1 day ·/);
    expect(anaLine).toContain("improvement");
    expect(benLine).toMatch(/^\*\*2\.\*\* ben: \*\*\d+\*\* pts · 1 answer on 1 day ·/);
    expect(text).not.toContain("cy");
    expect(text).toContain("1 more practised here without opting in to be shown.");
    expect(text).toMatch(/Points: 10 per answer/);
    const [note] = await board.followUps(1);
    expect(note?.flags).toBe(64);
    expect(messageText(note as never)).toMatch(/You have \d+ points for the last 7 days but are not shown/);

    // /progress shows the daily streak.
    const progress = messageText(await discord.slashCommand({ user: ana, name: "progress" }).reply());
    expect(progress).toContain("**1-day streak**");
    expect(progress).toContain("1 of the last 30 days");
    expect(discord.violations).toEqual([]);
  });
});
