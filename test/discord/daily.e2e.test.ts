import { PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { schedulerTicks } from "../helpers/scheduler-ticks.js";
import { tempDataDir } from "../helpers/sessions.js";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

const dailyPosts = () => discord.channelMessages().filter((m) => m.content.includes("Daily question"));

describe("daily question end to end", () => {
  it("posts once a day at the set UTC time as a round, and stops when turned off", async () => {
    discord = await startFakeDiscord();
    let t = Date.parse("2026-11-25T08:00:00.000Z");
    const ticks = schedulerTicks();
    bot = await startTestBot(discord, tempDataDir(), {
      now: () => new Date(t),
      tickMs: 40,
      wrapStore: ticks.wrap,
    });
    const admin = discord.createUser({ username: "admin", permissions: PermissionFlagsBits.ManageGuild });
    const member = discord.createUser({ username: "member" });
    const channel = discord.defaultChannelId;

    const refused = await discord
      .slashCommand({ user: member, name: "daily", subcommand: "set", options: { channel, time: "09:30" } })
      .reply();
    expect(messageText(refused)).toContain("You need the Manage Server permission");
    const bad = await discord
      .slashCommand({ user: admin, name: "daily", subcommand: "set", options: { channel, time: "25:99" } })
      .reply();
    expect(messageText(bad)).toContain("is not a time of day");

    const set = await discord
      .slashCommand({
        user: admin,
        name: "daily",
        subcommand: "set",
        options: { channel, time: "9:30", focus: "inventory", level: "mid", minutes: 60 },
      })
      .reply();
    expect(messageText(set)).toContain("Every day at **09:30 UTC**");
    expect(messageText(set)).toContain("Inventory");

    // A whole tick with the schedule set, before its time: nothing posted.
    await ticks.next();
    expect(dailyPosts()).toHaveLength(0);
    t = Date.parse("2026-11-25T09:30:05.000Z");
    const first = await discord.waitFor(() => dailyPosts()[0], "the first daily post");
    const question = await discord.waitFor(
      () => discord.channelMessages(first.id)[0],
      "the question in its thread",
    );
    const thread = discord.threads(channel).find((th) => th.id === first.id);
    expect(thread?.name).toMatch(/^Daily 2026-11-25: Inventory/);
    expect(messageText(question)).toContain("Question of the day");
    expect(messageText(question)).toContain("mid level");

    // The round closes after its minutes and posts a summary; no second post the same day.
    t = Date.parse("2026-11-25T10:31:00.000Z");
    await discord.waitFor(
      () => discord.channelMessages(first.id).find((m) => messageText(m).includes("Round closed")),
      "the daily round's close",
    );
    await ticks.next();
    expect(dailyPosts()).toHaveLength(1);

    t = Date.parse("2026-11-26T09:31:00.000Z");
    await discord.waitFor(() => dailyPosts()[1], "the next day's post");

    const off = await discord.slashCommand({ user: admin, name: "daily", subcommand: "off" }).reply();
    expect(messageText(off)).toContain("The daily question is off.");
    t = Date.parse("2026-11-27T09:31:00.000Z");
    await ticks.next();
    expect(dailyPosts()).toHaveLength(2);
    expect(discord.violations).toEqual([]);
  });
});
