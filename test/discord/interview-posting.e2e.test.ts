import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ComponentType } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { analyzePosting } from "../../src/core/posting/analyze.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { ROOT } from "../helpers/run-cli.js";
import { tempDataDir } from "../helpers/sessions.js";

const FOOD = readFileSync(join(ROOT, "test", "fixtures", "postings", "operations-manager-food.txt"), "utf8");
const content = shippedContent();
const ranked = analyzePosting(FOOD, content).competencies.map((c) => c.id);

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

describe("/interview start posting:true (real discord.js, fake Discord)", () => {
  it("opens a form for the posting and starts an interview on what it asks, each question with its reason", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const start = discord.slashCommand({
      name: "interview",
      subcommand: "start",
      options: { posting: true, questions: 2, followups: false },
    });
    const modal = await start.modal();
    expect(modal.custom_id).toBe("iv-posting|-|2|0|0");
    const [label] = modal.components;
    expect(label?.type).toBe(ComponentType.Label);
    if (label?.type !== ComponentType.Label) throw new Error("not a label");
    expect(label.label).toBe("Paste the job posting");
    expect(label.component).toMatchObject({ custom_id: "posting", style: 2, max_length: 4000 });

    const submit = discord.submitModal({ from: start, fields: { posting: FOOD } });
    expect((await submit.response()).data.flags).toBe(64);
    const message = await submit.reply();
    const text = messageText(message);
    expect(text).toContain("Interview for a job posting");
    expect(text).toContain("Level: **mid**.");
    expect(text).toContain(
      "It asks most for: Quality and Six Sigma; Leading and developing teams; Production scheduling and capacity.",
    );
    expect(text).toContain("Question 1 of 2");
    expect(text).toContain(
      "*Why this question: The posting asks for quality, customer complaints and yield.*",
    );

    // The store holds the analysis (ids, and each question's reason), never the posting.
    const [session] = await bot.store.listSessions(discord.defaultUser.id);
    expect(session?.config.posting).toEqual({ competencies: ranked.slice(0, 5) });
    expect(session?.config.level).toBe("mid");
    expect(session?.items.map((i) => content.bank.get(i.questionId)?.competency)).toEqual(ranked.slice(0, 2));
    expect(session?.items.map((i) => i.reason)).toEqual([
      "The posting asks for quality, customer complaints and yield.",
      "The posting asks for supervisors, lead and Coach.",
    ]);
    const stored = JSON.stringify(session);
    for (const line of FOOD.split("\n").filter((l) => l.trim().length > 30))
      expect(stored).not.toContain(line.trim());
    expect(stored).not.toContain("Brightfield");

    // The next question, after Skip, says its own reason.
    const next = await discord.clickButton({ message, label: "Skip" }).reply();
    expect(messageText(next)).toContain("Question 2 of 2");
    expect(messageText(next)).toContain(
      "Why this question: The posting asks for supervisors, lead and Coach.",
    );
    expect(discord.violations).toEqual([]);
  });

  it("uses the level given with it over the posting's", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const start = discord.slashCommand({
      name: "interview",
      subcommand: "start",
      options: { posting: true, level: "senior", questions: 1 },
    });
    await start.modal();
    const message = await discord.submitModal({ from: start, fields: { posting: FOOD } }).reply();
    expect(messageText(message)).toContain("You are practising at **senior** level, as you chose.");
    const [session] = await bot.store.listSessions(discord.defaultUser.id);
    expect(session?.config.level).toBe("senior");
    expect(content.bank.get(session?.items[0]?.questionId ?? "")?.levels).toContain("senior");
  });

  it("tells privately when the text is not a posting, and starts nothing", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const start = discord.slashCommand({
      name: "interview",
      subcommand: "start",
      options: { posting: true },
    });
    await start.modal();
    const submit = discord.submitModal({
      from: start,
      fields: { posting: "Preheat the oven and slice the onions." },
    });
    expect((await submit.response()).data.flags).toBe(64);
    expect(messageText(await submit.reply())).toContain(
      "This does not look like a job posting: it has 7 words, and a posting has at least 40. Paste the posting's title, responsibilities and requirements.",
    );
    expect(await bot.store.listSessions(discord.defaultUser.id)).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("offers the unfinished interview instead of the form, and refuses a focus with a posting", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    await discord.slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } }).reply();
    const again = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { posting: true } })
      .reply();
    expect(messageText(again)).toContain("You have an unfinished interview");
    const both = await discord
      .slashCommand({
        name: "interview",
        subcommand: "start",
        options: { posting: true, focus: "quality" },
      })
      .reply();
    expect(messageText(both)).toContain("Choose a focus or a job posting, not both");
  });
});
