import { afterEach, describe, expect, it } from "vitest";
import {
  buttons,
  type FakeDiscord,
  findButton,
  messageText,
  startFakeDiscord,
} from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";

// A story with no task and a result without figures: the restructured answer shows both gaps.
const ANSWER = [
  "I pulled the adjustment records and ran a Pareto by location.",
  "At our Columbus DC, cycle counts kept disagreeing with the system last spring.",
  "I moved the fast movers to weekly ABC counts and retrained receiving.",
  "In the end the counts got much better.",
].join(" ");

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

describe("See a strong answer (real discord.js client, fake Discord on loopback)", () => {
  it("shows the answer restructured and a model answer, privately, to its owner only", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const ana = discord.createUser({ username: "ana" });
    const eve = discord.createUser({ username: "eve" });
    const start = discord.slashCommand({
      user: ana,
      name: "interview",
      subcommand: "start",
      options: { level: "entry", focus: "inventory", questions: 1 },
    });
    const question = await start.reply();
    const click = discord.clickButton({ user: ana, message: question, label: "Answer" });
    const modal = await click.modal();
    const field = JSON.stringify(modal).includes('"custom_id":"answer"') ? "answer" : "action";
    const feedback = await discord
      .submitModal({ user: ana, from: click, fields: { [field]: ANSWER } })
      .reply();
    expect(findButton(feedback, "See a strong answer")).toBeDefined();
    // Transcription is not set up on this bot: no "Answer by voice" that could only say so.
    for (const m of [question, feedback])
      expect(buttons(m).map((b) => b.label)).not.toContain("Answer by voice");

    const shown = discord.clickButton({ user: ana, message: feedback, label: "See a strong answer" });
    expect((await shown.response()).data.flags).toBe(64);
    const text = messageText(await shown.reply());
    expect(text).toContain("Your answer, restructured");
    expect(text).toContain("[Task: what you had to achieve");
    expect(text).toContain("[Result: add the figure, from [baseline] to [after]]");
    // Situation before action, in the answer's own words.
    expect(text.indexOf("At our Columbus DC")).toBeLessThan(text.indexOf("I pulled the adjustment records"));
    expect(text).toMatch(
      /A strong answer for (this|another Inventory control and MRP\/ERP) question \(entry level\)/,
    );
    expect(text).toContain("**Result.**");

    // The attempt id rides in the custom id: someone else's click (a forged id) sees nothing of it.
    const button = findButton(feedback, "See a strong answer");
    const customId = "custom_id" in button ? button.custom_id : "";
    expect(customId).toMatch(/^model\|/);
    const base = await discord.slashCommand({ user: eve, name: "practice" }).reply();
    const forged = await discord.clickButton({ user: eve, message: base, customId, forge: true }).reply();
    expect(messageText(forged)).toBe("That answer is not yours, or it was deleted.");
    expect(discord.violations).toEqual([]);
  });
});
