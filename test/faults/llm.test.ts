import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { type FakeDiscord, type FakeUser, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { fencedAnswer, judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, type Reply, startFakeOpenAI } from "../fake-openai/server.js";
import { botEnv } from "../helpers/bot.js";
import type { BotProcess } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";
import { expectAlive, launchBot, practise, recordResult, stopOrKill, whileAlive } from "./helpers.js";

// Scenario 2 (issue 12, items 2 and 6). The bot process grades through an OpenAI-compatible server
// that misbehaves: it stalls after the headers, drips the body a byte at a time, reports a usage without
// completion_tokens, or answers 429 then 5xx. Every answer is stored and graded (by the LLM, or offline
// with the fallback shown to the user), nothing is lost, and the bot stays up and goes on grading.
// Guards: the deadline over the whole call (an AbortSignal per request, src/llm/request.ts): without it
// the stalled and the dripping replies hold their grade far past OPENAI_TIMEOUT_MS (the waits below end
// first); usage normalised on write and read (src/llm/request.ts, src/store/): without it the stored
// grade fails validation and /progress, /leaderboard and /mydata export fail for that user and server.

const TIMEOUT_MS = 3000;

/** A strong answer about one city: the city is how the fake server tells the cases apart. */
const answerFrom = (city: string) =>
  `At our ${city} plant, changeovers on line 3 took 95 minutes and we lost two shifts of output a week. My goal was under 45 minutes by June. I filmed three changeovers, ran a SMED workshop with the crew, moved die prep off line and added quick clamps. As a result, changeovers fell from 95 to 38 minutes and output rose by 11%, worth about $260,000 a year.`;

interface Case {
  name: string;
  city: string;
  /** Replies for this answer's requests, in order; then a healthy reply. */
  replies: Reply[];
  /** The grade the user must get: by the LLM, or offline with this fallback reason. */
  expected: { grader: "llm" } | { grader: "offline"; fallback: string };
  requests: number;
}

const OK: Reply = { content: judgement("Specific") };

const CASES: Case[] = [
  {
    name: "stalls after the headers",
    city: "Boise",
    replies: [{ stallBody: true }],
    expected: { grader: "offline", fallback: "timeout" },
    requests: 1,
  },
  {
    name: "drips the body a byte every 200 ms",
    city: "Tulsa",
    replies: [{ ...OK, dripBody: { everyMs: 200, bytes: 1 } }],
    expected: { grader: "offline", fallback: "timeout" },
    requests: 1,
  },
  {
    name: "reports usage without completion_tokens",
    city: "Fresno",
    replies: [{ ...OK, rawUsage: { prompt_tokens: 700 } }],
    expected: { grader: "llm" },
    requests: 1,
  },
  {
    name: "answers 429, then 5xx",
    city: "Akron",
    replies: [{ status: 429, headers: { "retry-after": "0" } }, { status: 503 }],
    expected: { grader: "offline", fallback: "server_error" },
    requests: 2,
  },
];

let discord: FakeDiscord | undefined;
let openai: FakeOpenAI | undefined;
let bot: BotProcess | undefined;

afterAll(async () => {
  await stopOrKill(bot);
  await openai?.close();
  await discord?.close();
});

describe("fault: an LLM server that misbehaves", () => {
  it("stores and grades every answer, shows the fallback, and the bot goes on", async () => {
    const scripted = new Map(CASES.map((c) => [c.city, [...c.replies]]));
    const seen = new Map<string, number>();
    openai = await startFakeOpenAI((request) => {
      const answer = fencedAnswer(request);
      const city = [...scripted.keys()].find((c) => answer.includes(`At our ${c} plant`)) ?? "other";
      seen.set(city, (seen.get(city) ?? 0) + 1);
      return scripted.get(city)?.shift() ?? OK;
    });
    discord = await startFakeDiscord({ waitTimeoutMs: 60_000 });
    const dataDir = tempDataDir();
    ({ bot } = await launchBot(discord, {
      ...botEnv(discord, dataDir),
      OPENAI_API_KEY: "sk-faults-0123456789",
      OPENAI_BASE_URL: openai.url,
      OPENAI_TIMEOUT_MS: String(TIMEOUT_MS),
    }));

    const users = new Map<string, FakeUser>();
    const times = new Map<string, number>();
    for (const c of CASES) {
      const user = discord.createUser({ username: c.city.toLowerCase() });
      users.set(c.city, user);
      const { feedback, ms } = await whileAlive(
        bot,
        practise(discord, user, answerFrom(c.city)),
        `the feedback (${c.name})`,
      );
      times.set(c.city, ms);
      const text = messageText(feedback);
      expect(text, c.name).toMatch(/Feedback: \d\/5/);
      if (c.expected.grader === "offline") {
        expect(text, c.name).toContain(
          `The LLM grader was unavailable (${c.expected.fallback}); this is the offline grade.`,
        );
        expect(text, c.name).toContain("Offline grader");
      } else {
        expect(text, c.name).toContain("LLM grader");
        expect(text, c.name).not.toContain("was unavailable");
      }
      expect(seen.get(c.city), c.name).toBe(c.requests);
      expectAlive(bot);
    }
    // The whole call is bounded: a stalled or dripping body falls back at the deadline, not minutes later.
    for (const city of ["Boise", "Tulsa"]) {
      expect(times.get(city)).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(times.get(city)).toBeLessThan(TIMEOUT_MS + 10_000);
    }

    // The reply with the bad usage broke nothing that reads it back, for its user or the server.
    const fresno = users.get("Fresno") as FakeUser;
    const progress = messageText(await discord.slashCommand({ user: fresno, name: "progress" }).reply());
    expect(progress).toMatch(/\b1 graded answers?\b/);
    const board = messageText(
      await discord.slashCommand({ user: fresno, name: "leaderboard", options: { period: "week" } }).reply(),
    );
    expect(board).toContain("Leaderboard");
    const exported = discord.slashCommand({ user: fresno, name: "mydata", subcommand: "export" });
    expect(messageText(await exported.reply())).not.toContain("Something went wrong");
    const upload = discord.requests
      .filter((r) => r.path.includes(exported.payload.token) || r.path.includes(exported.payload.id))
      .flatMap((r) => r.files)
      .find((f) => f.name === "star-coach-data.json");
    expect(upload, "the export file").toBeDefined();

    // And the LLM grades again as soon as the server behaves.
    const healthy = discord.createUser({ username: "after" });
    const after = await practise(discord, healthy, answerFrom("Dayton"));
    expect(messageText(after.feedback)).toContain("LLM grader");
    expectAlive(bot);
    expect(discord.violations).toEqual([]);
    expect(await bot.stop()).toBe(0);
    bot = undefined;

    // Every answer is in the store with the grade the user was shown.
    const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
    try {
      let lost = 0;
      for (const c of CASES) {
        const [attempt, ...more] = await store.listAttempts((users.get(c.city) as FakeUser).id);
        expect(more, c.name).toEqual([]);
        if (attempt?.answerText !== answerFrom(c.city) || !attempt.grade) lost += 1;
        expect(attempt?.grade, c.name).toMatchObject(
          c.expected.grader === "llm"
            ? { grader: "llm" }
            : { grader: "offline", fallback: c.expected.fallback },
        );
        if (c.city === "Fresno")
          expect(attempt?.grade?.usage).toEqual({ prompt_tokens: 700, completion_tokens: 0 });
        recordResult({
          order: 2 + CASES.indexOf(c) / 10,
          scenario: `2. LLM ${c.name}`,
          recoverMs: times.get(c.city) ?? null,
          answersLost: attempt?.answerText === answerFrom(c.city) && attempt.grade ? 0 : 1,
          note:
            c.expected.grader === "llm"
              ? "LLM grade; /progress, /leaderboard, /mydata export fine"
              : `offline grade shown, fallback ${c.expected.fallback}; ${c.requests} request(s)`,
        });
      }
      expect(lost).toBe(0);
    } finally {
      await store.close();
    }
  });
});
