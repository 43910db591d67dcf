import type { APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";
import { bankStories, DISPATCH, KAIZEN_RETOLD, UNRELATED } from "../helpers/stories.js";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

async function answer(message: APIMessage, text: string): Promise<APIMessage> {
  const click = discord.clickButton({ message, label: "Answer" });
  const modal = await click.modal();
  const field = JSON.stringify(modal).includes('"custom_id":"answer"') ? "answer" : "action";
  return discord.submitModal({ from: click, fields: { [field]: text } }).reply();
}

interface Embed {
  title?: string;
  fields?: { name: string; value: string }[];
}

describe("the interview report on Discord and the story bank", () => {
  it("names the story each answer retold and warns when one story answers most of them", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const userId = discord.defaultUser.id;
    await bot.store.ensureUser(userId, null, new Date().toISOString());
    for (const story of bankStories(userId)) await bot.store.addStory(story);

    const [k1, k2, k3] = KAIZEN_RETOLD;
    const answers = [k1, UNRELATED, k2, DISPATCH, k3];
    let message = await discord
      .slashCommand({
        name: "interview",
        subcommand: "start",
        options: { level: "mid", focus: "safety", questions: 5, followups: false },
      })
      .reply();
    for (const [i, text] of answers.entries()) {
      expect(messageText(message)).toContain(`Question ${i + 1} of 5`);
      message = await answer(message, text);
      message = await discord
        .clickButton({ message, label: i === answers.length - 1 ? "Finish" : "Next" })
        .reply();
    }
    expect(messageText(message)).toContain("Interview report");
    const report = (message.embeds as Embed[]).find((e) => e.title?.startsWith("Interview report"));
    const questions = report?.fields?.filter((f) => /^\d\. /.test(f.name)) ?? [];
    expect(questions.map((f) => f.value.match(/\nStory: (.+)$/)?.[1] ?? null)).toEqual([
      "*Pump line kaizen*",
      null,
      "*Pump line kaizen*",
      "*Dispatch cutoff at Memphis*",
      "*Pump line kaizen*",
    ]);
    // Discord keeps the markdown italics the terminal drops.
    expect(report?.fields?.find((f) => f.name === "Story reuse")?.value).toBe(
      "You used *Pump line kaizen* for 3 of 5 answers; interviewers notice.",
    );
    expect(report?.fields?.some((f) => f.name === "For this posting")).toBe(false);
    expect(discord.violations).toEqual([]);
  });
});
