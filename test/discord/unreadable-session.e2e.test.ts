import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";
import { newSession } from "../store/contract.js";
import { rawSqlite } from "../store/raw.js";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

/** A session written by a version that let a forged option through: 50 questions fails the schema. */
async function plantUnreadableSession(dataDir: string, userId: string): Promise<void> {
  const raw = rawSqlite(join(dataDir, "star-coach.db"));
  const forged = newSession(userId, "forged-session");
  await raw.db
    .insertInto("sessions")
    .values({
      id: forged.id,
      user_id: userId,
      status: "active",
      state: JSON.stringify({ ...forged, config: { ...forged.config, questionCount: 50 } }),
      version: 1,
      created_at: forged.createdAt,
      updated_at: forged.updatedAt,
    })
    .execute();
  await raw.close();
}

describe("a stored interview this version cannot read", () => {
  it("is closed and reported on /interview resume, never a lock", async () => {
    discord = await startFakeDiscord();
    const dataDir = tempDataDir();
    bot = await startTestBot(discord, dataDir);
    await plantUnreadableSession(dataDir, discord.defaultUser.id);
    const resume = await discord.slashCommand({ name: "interview", subcommand: "resume" }).reply();
    expect(messageText(resume)).toMatch(/previous interview could not be read, so it was closed/);
    const again = await discord.slashCommand({ name: "interview", subcommand: "resume" }).reply();
    expect(messageText(again)).toMatch(/You have no unfinished interview/);
  });

  it("lets /interview start begin a new interview, and says the old one was closed", async () => {
    discord = await startFakeDiscord();
    const dataDir = tempDataDir();
    bot = await startTestBot(discord, dataDir);
    await plantUnreadableSession(dataDir, discord.defaultUser.id);
    const start = discord.slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } });
    const reply = await start.reply();
    expect(messageText(reply)).not.toMatch(/unfinished interview/);
    expect(messageText(reply)).toMatch(/Question 1 of 1/);
    const [notice] = await start.followUps(1);
    if (!notice) throw new Error("no follow-up");
    expect(notice.flags).toBe(64);
    expect(messageText(notice)).toMatch(/previous interview could not be read, so it was closed/);
    expect(discord.violations).toEqual([]);
  });
});
