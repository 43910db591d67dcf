import { type APIMessage, PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import type { GradeFn } from "../../src/sessions/grader.js";
import { type FakeDiscord, findButton, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { offlineGrade, tempDataDir } from "../helpers/sessions.js";

/**
 * Everything in an interaction comes from the user's client, and a modified client can send anything:
 * text beyond Discord's limits, options outside their range, custom ids the bot never showed this user.
 */

const STRONG =
  "At Acme Foods in Columbus, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

/** The offline grader, counting its calls: "nothing heavy ran" means it was never called. */
function countingGrader(): { grade: GradeFn; calls: () => number } {
  let calls = 0;
  return {
    grade: async (input, who) => {
      calls += 1;
      return offlineGrade(input, who);
    },
    calls: () => calls,
  };
}

function customIdOf(message: APIMessage, label: string): string {
  const button = findButton(message, { label });
  if (!("custom_id" in button)) throw new Error(`no custom id on ${label}`);
  return button.custom_id;
}

describe("input beyond Discord's limits", () => {
  it("refuses a forged 30 KB answer at once, grades nothing, and answers a bystander promptly", async () => {
    discord = await startFakeDiscord();
    const grader = countingGrader();
    bot = await startTestBot(discord, tempDataDir(), { grade: grader.grade });
    const forger = discord.createUser({ username: "forger" });
    const bystander = discord.createUser({ username: "bystander" });
    const question = await discord
      .slashCommand({ user: forger, name: "interview", subcommand: "start", options: { questions: 1 } })
      .reply();
    const submitId = customIdOf(question, "Answer").replace(/^iv-answer\|/, "iv-submit|");
    // Lines that each look like a STAR heading: the kind of text the grader works hardest on.
    const huge = "- S: at our DC we cut lead time from 14 days to 6\n".repeat(620);
    expect(huge.length).toBeGreaterThanOrEqual(30_000);

    const forged = discord.submitModal({
      user: forger,
      customId: submitId,
      fields: { answer: huge },
      forge: true,
    });
    const star = discord.slashCommand({ user: bystander, name: "star" });

    const refusal = await forged.reply();
    expect(refusal.flags).toBe(64);
    expect(messageText(refusal)).toContain(
      "That text is longer than Discord allows (4,000 characters a field), so nothing was saved or graded.",
    );
    expect(messageText(refusal)).not.toContain("lead time");
    expect(refusal.attachments).toEqual([]);
    const starred = await star.response();
    expect(messageText(await star.reply())).toContain("The STAR method");
    expect(starred.latencyMs).toBeLessThan(1000);

    expect(grader.calls()).toBe(0);
    expect(await bot.store.listAttempts(forger.id)).toEqual([]);
    // The interview still waits for a real answer, which is graded as usual.
    const click = discord.clickButton({ user: forger, message: question, label: "Answer" });
    await click.modal();
    const feedback = await discord
      .submitModal({ user: forger, from: click, fields: { answer: STRONG } })
      .reply();
    expect(messageText(feedback)).toMatch(/Feedback: \d\/5/);
    expect(grader.calls()).toBe(1);
    expect(discord.violations).toEqual([]);
  });

  it("holds each form field to the form's own limit: 1,000 a part in the S/T/A/R form, 300 for a question", async () => {
    discord = await startFakeDiscord();
    const grader = countingGrader();
    bot = await startTestBot(discord, tempDataDir(), { grade: grader.grade });
    const question = await discord
      .slashCommand({ name: "practice", options: { structured: true, focus: "inventory" } })
      .reply();
    const submitId = customIdOf(question, "Answer").replace(/^pr-answer\|/, "pr-submit|");
    const part = await discord
      .submitModal({
        customId: submitId,
        fields: { situation: "x".repeat(1001), action: "I counted." },
        forge: true,
      })
      .reply();
    expect(messageText(part)).toContain("longer than this form allows (1,000 characters)");

    const graded = await discord
      .submitModal({
        customId: "grade-submit",
        fields: { question: "q".repeat(301), answer: STRONG },
        forge: true,
      })
      .reply();
    expect(messageText(graded)).toContain("longer than this form allows (300 characters)");
    // Six fields where a modal has at most five.
    const many = await discord
      .submitModal({
        customId: "grade-submit",
        fields: Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, "text"])),
        forge: true,
      })
      .reply();
    expect(messageText(many)).toContain("That form has more fields than Discord allows.");
    expect(grader.calls()).toBe(0);
    expect(await bot.store.listAttempts(discord.defaultUser.id)).toEqual([]);
  });

  it("refuses options outside their registered range, length or choices, before doing anything", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const user = discord.createUser({ username: "opts", permissions: PermissionFlagsBits.ManageGuild });
    const fifty = await discord
      .slashCommand({ user, name: "interview", subcommand: "start", options: { questions: 50 } })
      .reply();
    expect(fifty.flags).toBe(64);
    expect(messageText(fifty)).toBe('The option "questions" must be a whole number between 1 and 10.');
    const zero = await discord
      .slashCommand({ user, name: "interview", subcommand: "start", options: { questions: 0 } })
      .reply();
    expect(messageText(zero)).toContain("between 1 and 10");
    expect(await bot.store.findOpenSession(user.id)).toBeNull();

    const longFocus = await discord
      .slashCommand({ user, name: "practice", options: { focus: "inventory ".repeat(700) } })
      .reply();
    expect(messageText(longFocus)).toBe('The option "focus" is too long (at most 6000 characters).');
    const longTime = await discord
      .slashCommand({
        user,
        name: "daily",
        subcommand: "set",
        options: { channel: discord.defaultChannelId, time: "09:30".repeat(100) },
      })
      .reply();
    expect(messageText(longTime)).toBe('The option "time" is too long (at most 9 characters).');
    const minutes = await discord
      .slashCommand({ user, name: "group", subcommand: "start", options: { minutes: 100_000 } })
      .reply();
    expect(messageText(minutes)).toBe('The option "minutes" must be a whole number between 5 and 1440.');
    expect(await bot.store.groups.listOpenRounds(discord.guilds[0]?.id ?? "")).toEqual([]);
    expect(await bot.store.groups.getDaily(discord.guilds[0]?.id ?? "")).toBeNull();

    // Autocomplete with an oversized partial value offers nothing, quietly.
    const choices = await discord
      .autocomplete({ user, name: "practice", options: { focus: "i".repeat(7000) }, focused: "focus" })
      .choices();
    expect(choices).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("refuses a custom id longer than Discord allows and a menu with more values than it can have", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const question = await discord.slashCommand({ name: "practice" }).reply();
    const long = await discord
      .clickButton({ message: question, customId: `iv-next|${"x".repeat(200)}`, forge: true })
      .reply();
    expect(messageText(long)).toBe("That button or form is not valid. Start again with a command.");
    const menu = await discord
      .selectMenu({
        message: question,
        customId: "gr-rate|r1|u1|situation",
        values: Array.from({ length: 40 }, (_, i) => String(i)),
        forge: true,
      })
      .reply();
    expect(messageText(menu)).toBe("That menu choice is not valid. Open the menu again.");
  });
});

describe("forged custom ids", () => {
  it("refuses every round action from another server: nothing read, answered, rated or closed", async () => {
    discord = await startFakeDiscord({ guilds: [{ name: "Server A" }, { name: "Server B" }] });
    bot = await startTestBot(discord, tempDataDir());
    const [a, b] = discord.guilds;
    if (!a || !b) throw new Error("two guilds expected");
    const ana = discord.createUser({ username: "ana" });
    // A moderator of server B, who has never been in server A.
    const eve = discord.createUser({
      username: "eve",
      permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages,
    });

    await discord.slashCommand({ user: ana, name: "group", subcommand: "start", guildId: a.id }).reply();
    const thread = discord.threads(a.channelIds[0]).at(-1);
    const roundQuestion = thread ? discord.channelMessages(thread.id)[0] : undefined;
    if (!roundQuestion) throw new Error("no round question");
    const roundId = customIdOf(roundQuestion, "Answer").split("|")[1] ?? "";
    const click = discord.clickButton({ user: ana, message: roundQuestion, label: "Answer" });
    await click.modal();
    const anaFeedback = await discord
      .submitModal({ user: ana, from: click, fields: { answer: STRONG } })
      .reply();
    await discord.clickButton({ user: ana, message: anaFeedback, label: "Share as written" }).response();
    const [anaAttempt] = await bot.store.listAttempts(ana.id);
    if (!anaAttempt) throw new Error("ana's answer was not stored");

    // eve's own message in server B to "click" the forged ids on.
    const base = await discord.slashCommand({ user: eve, name: "practice", guildId: b.id }).reply();
    const forgedClick = async (customId: string) =>
      messageText(await discord.clickButton({ user: eve, message: base, customId, forge: true }).reply());
    const REFUSED = "That round belongs to another server.";

    const review = await forgedClick(`gr-review|${roundId}`);
    expect(review).toBe(REFUSED);
    expect(await forgedClick(`gr-answer|${roundId}|0`)).toBe(REFUSED);
    expect(await forgedClick(`gr-answer|${roundId}|1`)).toBe(REFUSED);
    expect(await forgedClick(`gr-share|${roundId}|verbatim`)).toBe(REFUSED);
    expect(await forgedClick(`gr-close|${roundId}`)).toBe(REFUSED);
    const rated = await discord
      .selectMenu({
        user: eve,
        message: base,
        customId: `gr-rate|${roundId}|${ana.id}|situation`,
        values: ["0"],
        forge: true,
      })
      .reply();
    expect(messageText(rated)).toBe(REFUSED);
    const answered = discord.submitModal({
      user: eve,
      guildId: b.id,
      customId: `gr-submit|${roundId}`,
      fields: { answer: "Eve's answer, sent into a round of another server." },
      forge: true,
    });
    expect(messageText(await answered.reply())).toContain(REFUSED);

    const round = await bot.store.groups.getRound(roundId);
    expect(round?.status).toBe("open");
    expect((await bot.store.groups.listEntries(roundId)).map((e) => e.userId)).toEqual([ana.id]);
    expect(await bot.store.groups.listRatings(roundId)).toEqual([]);
    expect(await bot.store.listAttempts(eve.id)).toEqual([]);
    // Nothing of ana's answer reached eve, in any message she was sent.
    const toEve = discord
      .interactions()
      .filter((i) => i.record.userId === eve.id)
      .flatMap((i) => [i.original(), ...i.record.followUpIds.map((id) => discord.message(id))]);
    for (const message of toEve) expect(message ? messageText(message) : "").not.toContain("Acme");
    expect(discord.violations).toEqual([]);
  });

  it("refuses a practice answer compared with another user's attempt, and shows none of its scores", async () => {
    discord = await startFakeDiscord();
    const grader = countingGrader();
    bot = await startTestBot(discord, tempDataDir(), { grade: grader.grade });
    const ana = discord.createUser({ username: "ana" });
    const eve = discord.createUser({ username: "eve" });
    const anaQuestion = await discord.slashCommand({ user: ana, name: "practice" }).reply();
    const click = discord.clickButton({ user: ana, message: anaQuestion, label: "Answer" });
    await click.modal();
    const anaFeedback = await discord
      .submitModal({ user: ana, from: click, fields: { answer: STRONG } })
      .reply();
    // ana's "Revise" button carries her attempt id: pr-answer|question|level|attempt|0.
    const revise = customIdOf(anaFeedback, "Revise");

    const forged = discord.submitModal({
      user: eve,
      customId: revise.replace(/^pr-answer\|/, "pr-submit|"),
      fields: { answer: "We had some issues and fixed them." },
      forge: true,
    });
    const shown = messageText(await forged.reply());
    expect(shown).toContain("That earlier answer is not yours, so there is nothing to compare with.");
    expect(shown).not.toContain("Change against your previous attempt");
    expect(shown).not.toMatch(/\d → \d/);
    expect(await bot.store.listAttempts(eve.id)).toEqual([]);
    expect(grader.calls()).toBe(1);

    // ana's own revision still compares with her attempt.
    const mine = discord.clickButton({ user: ana, message: anaFeedback, label: "Revise" });
    await mine.modal();
    const revised = await discord
      .submitModal({ user: ana, from: mine, fields: { answer: `${STRONG} It held for a year.` } })
      .reply();
    expect(messageText(revised)).toContain("Change against your previous attempt");
  });
});
