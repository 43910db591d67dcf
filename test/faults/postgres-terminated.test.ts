import { afterAll, describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { openPostgresStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { botEnv } from "../helpers/bot.js";
import { type BotProcess, tempSchema } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";
import {
  expectAlive,
  launchBot,
  PG_URL,
  practise,
  recordResult,
  START_TIMEOUT_MS,
  stopOrKill,
  terminateBackends,
  uniqueName,
  whileAlive,
  withApplicationName,
} from "./helpers.js";

// Scenario 1 (issue 12, item 1). PostgreSQL ends the bot's pooled connections (a restart, a failover,
// pg_terminate_backend) while an answer is being graded and the pool sits idle: the bot stays up, the
// answer in flight is graded and stored, and the next one is too.
// Guards: the pool's 'error' listener in src/store/open.ts. Without it pg's 'error' event on the pool
// has no listener and the process exits with code 1 at the first terminated connection.

const ANSWER = (n: number) =>
  `At our Reno cross-dock in 2024, trailer turn time was 3.1 hours and carriers charged detention every week. My goal was under 2 hours by Q3. I built a door schedule in Excel from the yard data, moved live unloads to the first shift and ran a daily 10 minute huddle on the late trailers. As a result, turn time fell from 3.1 to 1.7 hours and detention fees dropped by $48,000 a year. (answer ${n})`;

let discord: FakeDiscord | undefined;
let openai: FakeOpenAI | undefined;
let bot: BotProcess | undefined;
let store: Store | undefined;
let drop: (() => Promise<void>) | undefined;

afterAll(async () => {
  await stopOrKill(bot);
  await store?.close();
  await openai?.close();
  await discord?.close();
  await drop?.();
});

describe.skipIf(!PG_URL)("fault: PostgreSQL ends the bot's connections mid-run", () => {
  it("keeps the bot up; the answer being graded and the next one are stored and graded", async () => {
    const url = PG_URL as string;
    const db = await tempSchema(url);
    drop = db.drop;
    const app = uniqueName("star_faults_bot");
    discord = await startFakeDiscord({ waitTimeoutMs: 60_000 });
    // The LLM holds the first grade until the connections have been ended: the answer is stored, the
    // grade not yet, and the pool's connections sit idle, as they do during any LLM call.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => {};
    const firstCall = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let calls = 0;
    openai = await startFakeOpenAI(async () => {
      calls += 1;
      if (calls === 1) {
        arrived();
        await held;
      }
      return { content: judgement("Specific") };
    });
    const env = {
      ...botEnv(discord, tempDataDir()),
      DATABASE_URL: withApplicationName(db.databaseUrl, app),
      OPENAI_API_KEY: "sk-faults-0123456789",
      OPENAI_BASE_URL: openai.url,
      OPENAI_TIMEOUT_MS: "60000",
    };
    ({ bot } = await launchBot(discord, env));
    store = await openPostgresStore(url, { schema: db.schema, max: 2, applicationName: `${app}_test` });
    const user = discord.createUser({ username: "pat" });

    const live = bot;
    const first = whileAlive(live, practise(discord, user, ANSWER(1)), "the first answer's feedback");
    // Awaited below; a failure before that is reported there, not as an unhandled rejection.
    first.catch(() => undefined);
    await whileAlive(live, firstCall, "the first answer's LLM call");
    const storedBeforeGrade = await store.listAttempts(user.id);
    expect(storedBeforeGrade.map((a) => a.answerText)).toEqual([ANSWER(1)]);
    expect(storedBeforeGrade[0]?.grade).toBeNull();

    const ended = await terminateBackends(url, app);
    const cut = Date.now();
    expect(ended).toBeGreaterThanOrEqual(1);
    await whileAlive(
      live,
      live.waitForLog(
        (l) => l.msg === "a pooled PostgreSQL connection was closed by the server",
        "the pool to notice its connections were ended",
        START_TIMEOUT_MS,
      ),
      "the pool's warning",
    );
    release();
    const graded = await first;
    const firstRecoverMs = Date.now() - cut;
    expect(messageText(graded.feedback)).toMatch(/Feedback: \d\/5/);
    expect(messageText(graded.feedback)).not.toContain("Something went wrong");
    expectAlive(bot);

    // The next answer, on fresh connections.
    const next = await whileAlive(live, practise(discord, user, ANSWER(2)), "the next answer's feedback");
    expect(messageText(next.feedback)).toMatch(/Feedback: \d\/5/);
    expectAlive(bot);

    // Nothing lost: both answers stored, both graded by the LLM.
    const attempts = (await store.listAttempts(user.id)) as Array<{
      answerText: string;
      grade: Grade | null;
    }>;
    const texts = attempts.map((a) => a.answerText).sort();
    expect(texts).toEqual([ANSWER(1), ANSWER(2)]);
    for (const a of attempts) expect(a.grade).toMatchObject({ grader: "llm" });
    const lost = [ANSWER(1), ANSWER(2)].filter(
      (t) => !attempts.some((a) => a.answerText === t && a.grade !== null),
    ).length;
    const warnings = bot
      .logs()
      .filter((l) => l.msg === "a pooled PostgreSQL connection was closed by the server");
    expect(discord.violations).toEqual([]);
    expect(await bot.stop()).toBe(0);
    bot = undefined;
    recordResult({
      order: 1,
      scenario: "1. PostgreSQL connections terminated mid-grade",
      recoverMs: firstRecoverMs,
      answersLost: lost,
      note: `${ended} connection(s) ended, ${warnings.length} pool warning(s), bot up; in-flight answer graded, next answer ${next.ms} ms`,
    });
  });
});
