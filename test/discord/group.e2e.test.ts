import { type APIMessage, ComponentType, PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  allComponents,
  type FakeDiscord,
  type FakeUser,
  messageText,
  startFakeDiscord,
} from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { schedulerTicks } from "../helpers/scheduler-ticks.js";
import { tempDataDir } from "../helpers/sessions.js";

const STRONG =
  "At Acme Foods in Columbus, cycle counts showed 91% location accuracy last spring, and short shipments cost us $40,000 a quarter. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL, found that 80% of errors came from 12 fast movers, and moved them to weekly ABC counts with a root cause check on every variance. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";
const MEDIUM =
  "In my warehouse job our picking was slow and orders went out late. I was asked to fix it. I reorganised the pick faces with 5S and moved the fast movers closer to packing, and trained the team on the new layout. Orders went out faster after that and the supervisor was happy.";
const WEAK = "We had some issues and the team worked hard to fix them. It went well in the end.";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

interface Clock {
  now: () => Date;
  advance(minutes: number): void;
}

function clock(): Clock {
  let t = Date.now();
  return {
    now: () => new Date(t),
    advance: (minutes) => {
      t += minutes * 60_000;
    },
  };
}

async function optIn(user: FakeUser, on: boolean): Promise<void> {
  await discord.slashCommand({ user, name: "settings", subcommand: "me", options: { public: on } }).reply();
}

/** Starts a round as `user`; returns the thread id and the question message in it. */
async function startRound(user: FakeUser, minutes = 30): Promise<{ threadId: string; question: APIMessage }> {
  const started = await discord
    .slashCommand({ user, name: "group", subcommand: "start", options: { minutes } })
    .reply();
  expect(messageText(started)).toMatch(/Round started in <#\d+>/);
  const thread = discord.threads(discord.defaultChannelId).at(-1);
  if (!thread) throw new Error("no thread was created");
  const question = discord.channelMessages(thread.id)[0];
  if (!question) throw new Error("no question in the thread");
  return { threadId: thread.id, question };
}

async function answer(user: FakeUser, question: APIMessage, text: string): Promise<APIMessage> {
  const click = discord.clickButton({ user, message: question, label: "Answer" });
  await click.modal();
  return discord.submitModal({ user, from: click, fields: { answer: text } }).reply();
}

function selectIds(message: APIMessage): string[] {
  return allComponents(message)
    .filter((c) => c.type === ComponentType.StringSelect)
    .map((c) => String(c.custom_id));
}

describe("group rounds end to end", () => {
  it("runs a round with three users: private feedback, one answer each, masking, peer review, summary", async () => {
    discord = await startFakeDiscord();
    const time = clock();
    bot = await startTestBot(discord, tempDataDir(), { now: time.now, tickMs: 50 });
    const ana = discord.createUser({ username: "ana" });
    const ben = discord.createUser({ username: "ben" });
    const cy = discord.createUser({ username: "cy" });
    await optIn(ana, true);
    await optIn(cy, true);

    const { threadId, question } = await startRound(ana);
    expect(messageText(question)).toContain("Group round");
    const second = await discord.slashCommand({ user: ben, name: "group", subcommand: "start" }).reply();
    expect(messageText(second)).toContain(
      `A round is already open in this channel: answer in <#${threadId}>`,
    );
    expect(discord.channelMessages()[0]?.content).toContain("Group round started by");

    const anaFeedback = await answer(ana, question, STRONG);
    expect(anaFeedback.flags).toBe(64);
    expect(messageText(anaFeedback)).toContain("Your feedback");
    const benFirst = await answer(ben, question, WEAK);
    expect(messageText(benFirst)).toContain("Your feedback");
    await answer(cy, question, WEAK);

    // A second answer replaces the first, after a confirm.
    const confirm = await discord.clickButton({ user: ben, message: question, label: "Answer" }).reply();
    expect(messageText(confirm)).toContain("You have answered this round already");
    const replace = discord.clickButton({ user: ben, message: confirm, label: "Replace my answer" });
    await replace.modal();
    const benFeedback = await discord
      .submitModal({ user: ben, from: replace, fields: { answer: MEDIUM } })
      .reply();
    expect(messageText(benFeedback)).toContain("Your answer is replaced");

    // Nobody's words are shown by default; ana shares a masked copy, ben his text as written.
    const nothing = await discord
      .clickButton({ user: cy, message: question, label: "Review an answer" })
      .reply();
    expect(messageText(nothing)).toContain("There is no answer for you to review yet");
    await discord.clickButton({ user: ana, message: anaFeedback, label: "Share masked" }).response();
    await discord.clickButton({ user: ben, message: benFeedback, label: "Share as written" }).response();

    // cy reviews: the answer with the fewest ratings comes first; ana's is masked.
    const reviews: string[] = [];
    for (let i = 0; i < 2; i++) {
      const review = await discord
        .clickButton({ user: cy, message: question, label: "Review an answer" })
        .reply();
      const text = messageText(review);
      reviews.push(text);
      expect(selectIds(review)).toHaveLength(5);
      for (const id of selectIds(review)) {
        await discord
          .selectMenu({
            user: cy,
            message: review,
            customId: id,
            values: [text.includes("Acme") || text.includes("[name]") ? "3" : "1"],
          })
          .response();
      }
    }
    const anaReview = reviews.find((t) => t.includes("masked")) ?? "";
    expect(anaReview).toContain("[figure]");
    expect(anaReview).not.toMatch(/Acme|Columbus|\$40,000|91%/);
    expect(reviews.some((t) => t.includes("I reorganised the pick faces with 5S"))).toBe(true);

    // ana can only review ben's answer, never her own.
    const anaSees = await discord
      .clickButton({ user: ana, message: question, label: "Review an answer" })
      .reply();
    expect(messageText(anaSees)).toContain("I reorganised the pick faces");
    expect(messageText(anaSees)).not.toContain("[figure]");

    // Only the starter or a moderator may close early.
    const refused = await discord
      .slashCommand({ user: ben, name: "group", subcommand: "close", channelId: threadId })
      .reply();
    expect(messageText(refused)).toContain("Only the person who started this round");

    time.advance(31);
    const summary = await discord.waitFor(
      () => discord.channelMessages(threadId).find((m) => messageText(m).includes("Round summary")),
      "the round summary",
    );
    const text = messageText(summary);
    expect(text).toContain("3 answered");
    expect(text).toMatch(/What the group missed most/);
    expect(text).toContain("**ana**");
    expect(text).not.toContain("ben");
    expect(text).toMatch(/ratings from 1 reviewers? on \d+ answer parts/);
    expect(text).not.toMatch(/Acme|Columbus/);
    // The summary is posted first, then the buttons come off the question.
    await discord.waitFor(
      () => ((discord.message(question.id)?.components ?? []).length === 0 ? true : undefined),
      "the question's buttons removed",
    );
    // Closed rounds take no more answers, even from a button that is still on screen.
    const late = await discord
      .clickButton({ user: ben, message: confirm, label: "Replace my answer" })
      .reply();
    expect(messageText(late)).toContain("This round is closed");
    expect(discord.violations).toEqual([]);
  });

  it("names the strongest answer only when its author opted in, and closes on /group close by a moderator", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const starter = discord.createUser({ username: "starter" });
    const quiet = discord.createUser({ username: "quietone" });
    const mod = discord.createUser({ username: "mod", permissions: PermissionFlagsBits.ManageMessages });
    await optIn(quiet, false);
    const { threadId, question } = await startRound(starter);
    await answer(quiet, question, STRONG);
    await answer(starter, question, WEAK);
    const closed = await discord
      .slashCommand({ user: mod, name: "group", subcommand: "close", channelId: threadId })
      .reply();
    expect(messageText(closed)).toContain("Round closed");
    const summary = discord.channelMessages(threadId).find((m) => messageText(m).includes("Round summary"));
    const text = messageText(summary as APIMessage);
    expect(text).toContain("2 answered");
    expect(text).toContain("did not opt in to being named");
    expect(text).not.toContain("quietone");
    expect(text).not.toMatch(/Acme|Columbus|Pareto/);
    expect(text).toContain("No peer ratings this round.");
    const again = await discord
      .slashCommand({ user: mod, name: "group", subcommand: "close", channelId: threadId })
      .reply();
    expect(messageText(again)).toContain("There is no open round here");
  });

  it("closes a round whose time ran out while the bot was down, once, after a restart", async () => {
    discord = await startFakeDiscord();
    const dir = tempDataDir();
    const time = clock();
    bot = await startTestBot(discord, dir, { now: time.now, tickMs: 50 });
    const starter = discord.createUser({ username: "starter" });
    const { threadId, question } = await startRound(starter, 10);
    await answer(starter, question, MEDIUM);
    await bot.stop();
    bot = undefined;
    time.advance(60);
    const ticks = schedulerTicks();
    bot = await startTestBot(discord, dir, { now: time.now, tickMs: 50, wrapStore: ticks.wrap });
    await discord.waitFor(
      () => discord.channelMessages(threadId).find((m) => messageText(m).includes("Round summary")),
      "the summary after a restart",
    );
    // A whole tick after the summary: the round is not closed a second time.
    await ticks.next();
    expect(
      discord.channelMessages(threadId).filter((m) => messageText(m).includes("Round summary")),
    ).toHaveLength(1);
  });

  it("explains a missing channel permission and leaves no round open", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    discord.denyBot(discord.defaultChannelId, PermissionFlagsBits.SendMessages);
    const user = discord.createUser({ username: "starter" });
    const reply = await discord.slashCommand({ user, name: "group", subcommand: "start" }).reply();
    expect(messageText(reply)).toContain("I can't post the round in that channel");
    expect(await bot.store.groups.listOpenRounds(discord.guilds[0]?.id ?? "")).toEqual([]);
    expect(discord.violations.map((v) => v.code)).toEqual([50013]);
  });

  it("posts each participant's scores, never their words, when the server's group feedback is public", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const admin = discord.createUser({ username: "admin", permissions: PermissionFlagsBits.ManageGuild });
    await discord
      .slashCommand({
        user: admin,
        name: "settings",
        subcommand: "server",
        options: { group_feedback: "public" },
      })
      .reply();
    const { threadId, question } = await startRound(admin);
    await answer(admin, question, STRONG);
    const posted = await discord.waitFor(
      () => discord.channelMessages(threadId).find((m) => messageText(m).includes("answered:")),
      "public scores",
    );
    expect(messageText(posted)).toMatch(/A participant answered: [1-5]\/5/);
    expect(messageText(posted)).not.toMatch(/Acme|Columbus|Pareto/);
  });
});
