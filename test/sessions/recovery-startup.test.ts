import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/open.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { botEnv } from "../helpers/bot.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { tempDataDir } from "../helpers/sessions.js";
import { API_KEY } from "../llm/helpers.js";

let discord: FakeDiscord | undefined;
let llm: FakeOpenAI | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop();
  await discord?.close();
  await llm?.close();
  bot = discord = llm = undefined;
});

const ANSWERS = 6;
/** The shortest OPENAI_TIMEOUT_MS there is: each of the two rounds of grades waits it out. */
const TIMEOUT_MS = 1000;

describe("the bot starting with answers a crash left ungraded, and an LLM that hangs", () => {
  it("logs in at once and grades them in the background, a few at a time", async () => {
    discord = await startFakeDiscord();
    // A hung LLM: every request waits a minute, far past OPENAI_TIMEOUT_MS.
    llm = await startFakeOpenAI(() => ({ content: "{}", delayMs: 60_000 }));
    const dataDir = tempDataDir();
    const store = await openSqliteStore(join(dataDir, "star-coach.db"));
    await store.ensureUser("u1", null, new Date().toISOString());
    for (let i = 0; i < ANSWERS; i++)
      await store.addAttempt({
        id: randomUUID(),
        userId: "u1",
        guildId: null,
        sessionId: null,
        questionId: null,
        questionText: "Tell me about a time you improved a process.",
        competency: null,
        level: "entry",
        kind: "single",
        answerText: `${STRONG_ANSWER} (${i + 1})`,
        combineWith: null,
        createdAt: new Date(Date.now() - 60_000 + i).toISOString(),
      });
    await store.close();

    bot = startBotProcess({
      ...botEnv(discord, dataDir),
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: llm.url,
      OPENAI_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    const starting = bot;
    await discord
      .waitFor(() => (discord?.identifies.length ? true : undefined), "IDENTIFY", 30_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}; the bot wrote: ${JSON.stringify(starting.logs()).slice(0, 2000)}`);
      });
    // Before this change the bot graded all six, one by one, before logging in: six requests had come and
    // gone by now. Now at most the first few are in flight, and none has finished.
    expect(llm.requests.length).toBeLessThanOrEqual(3);

    // The bot answers while the LLM hangs.
    const star = discord.slashCommand({ name: "star" });
    expect(messageText(await star.reply())).toContain("STAR");

    const recovered = await bot.waitForLog(
      (l) => l.msg === "recovered answers left ungraded by an earlier run",
      "the recovery to finish",
    );
    expect(recovered).toMatchObject({ module: "recovery", graded: ANSWERS, failed: 0, held: 0 });
    expect(llm.requests).toHaveLength(ANSWERS);
    // Never the answer in the logs.
    expect(JSON.stringify(bot.logs())).not.toContain("Memphis");
    expect(await bot.stop()).toBe(0);
    const after = await openSqliteStore(join(dataDir, "star-coach.db"));
    expect(await after.listUngraded()).toEqual([]);
    await after.close();
  }, 90_000);
});
