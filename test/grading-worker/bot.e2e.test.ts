import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import { openSqliteStore } from "../../src/store/open.js";
import { type FakeDiscord, startFakeDiscord } from "../fake-discord/index.js";
import { botEnv } from "../helpers/bot.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { RUNS_COMPILED } from "../helpers/run-cli.js";
import { tempDataDir } from "../helpers/sessions.js";

let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop();
  await discord?.close();
  bot = discord = undefined;
});

const QUESTION = "Tell me about a time you improved a process.";

describe(`the bot (${RUNS_COMPILED ? "compiled" : "from the sources"}) grading in its worker thread`, () => {
  it("grades in the worker what in-process grading would, and stops it on shutdown", async () => {
    discord = await startFakeDiscord();
    const dataDir = tempDataDir();
    const store = await openSqliteStore(join(dataDir, "star-coach.db"));
    await store.ensureUser("u1", null, new Date().toISOString());
    const answers = Array.from({ length: 4 }, (_, i) =>
      `Answer ${i}. ${`${STRONG_ANSWER}\n`.repeat(4)}`.slice(0, 4000),
    );
    const ids: string[] = [];
    for (const [i, answerText] of answers.entries()) {
      const id = randomUUID();
      ids.push(id);
      await store.addAttempt({
        id,
        userId: "u1",
        guildId: null,
        sessionId: null,
        questionId: null,
        questionText: QUESTION,
        competency: null,
        level: "entry",
        kind: "single",
        answerText,
        combineWith: null,
        createdAt: new Date(Date.now() - 60_000 + i).toISOString(),
      });
    }
    await store.close();

    // Offline (no OPENAI_API_KEY): the answers a "crash" left ungraded are graded once the bot is up.
    bot = startBotProcess(botEnv(discord, dataDir));
    const ready = await bot.waitForLog(
      (l) => l.msg === "grading worker ready",
      "grading worker ready",
      60_000,
    );
    expect(ready).toMatchObject({ module: "grading-worker", threads: 1 });
    const recovered = await bot.waitForLog(
      (l) => l.msg === "recovered answers left ungraded by an earlier run",
      "recovery",
      60_000,
    );
    expect(recovered).toMatchObject({ graded: answers.length, failed: 0 });
    expect(await bot.stop()).toBe(0);
    expect(
      bot.logs().filter((l) => l.module === "grading-worker" && l.msg !== "grading worker ready"),
    ).toEqual([]);

    const after = await openSqliteStore(join(dataDir, "star-coach.db"));
    for (const [i, id] of ids.entries()) {
      const input = {
        answer: answers[i] as string,
        question: { id: null, text: QUESTION, competency: null, probes: [] },
        level: "entry" as const,
      };
      expect((await after.getAttempt(id))?.grade).toEqual(gradeAnswer(input, content));
    }
    await after.close();
  }, 120_000);
});
