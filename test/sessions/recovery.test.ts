import { randomBytes, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { inProcessEngine } from "../../src/core/grading/engine.js";
import { seededRandom } from "../../src/core/interview/select.js";
import { createLogger } from "../../src/log.js";
import type { GradeFn } from "../../src/sessions/grader.js";
import { withGuildSettings } from "../../src/sessions/guild-grading.js";
import { DEFAULT_GRADE_LEASE_MS, SessionService } from "../../src/sessions/session-service.js";
import { openPostgresStore, openSqliteStore } from "../../src/store/open.js";
import type { GuildSettings, NewAttempt } from "../../src/store/records.js";
import type { Store } from "../../src/store/store.js";
import { fencedAnswer, judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { dropSchemaLater } from "../helpers/postgres-schemas.js";
import { offlineGrade, tempDbPath } from "../helpers/sessions.js";
import { llmGrader } from "../llm/helpers.js";

const T0 = new Date("2026-02-02T09:00:00.000Z");

let fake: FakeOpenAI;
const stores: Store[] = [];
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
});

async function sqlite(path = tempDbPath()): Promise<Store> {
  const store = await openSqliteStore(path);
  stores.push(store);
  return store;
}

function service(store: Store, grade: GradeFn, clock: { now: Date } = { now: T0 }): SessionService {
  return new SessionService({
    store,
    content,
    grade,
    now: () => clock.now,
    newId: randomUUID,
    random: seededRandom(3),
    idleSeconds: 1800,
    avoidLast: 30,
  });
}

/** The real LLM grader against the fake OpenAI server, behind the servers' own settings. */
function llmGrade(store: Store, env: Record<string, string> = {}): GradeFn {
  const { grader } = llmGrader(fake, { env });
  return withGuildSettings(
    (input, who) => grader.grade(input, who),
    true,
    store,
    inProcessEngine(content),
    () => T0,
  );
}

/** Answers stored but never graded, as a crash leaves them: distinct texts, so requests tell them apart. */
async function storeUngraded(store: Store, n: number, extra: Partial<NewAttempt> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    await store.ensureUser("u1", null, T0.toISOString());
    await store.addAttempt({
      id,
      userId: "u1",
      guildId: null,
      sessionId: null,
      questionId: null,
      questionText: "Tell me about a time you improved a process.",
      competency: null,
      level: "entry",
      kind: "single",
      answerText: `${STRONG_ANSWER} (Answer ${i + 1}.)`,
      combineWith: null,
      createdAt: new Date(T0.getTime() - 60_000 + i).toISOString(),
      ...extra,
    });
  }
  return ids;
}

const settings = (over: Partial<GuildSettings>): GuildSettings => ({
  defaultLevel: null,
  llmGrading: true,
  dailyLlmTokens: 0,
  groupFeedback: "private",
  retentionDays: 0,
  ...over,
});

function memoryLog() {
  let lines = "";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  return { log: createLogger({ level: "debug", format: "json", destination }), lines: () => lines };
}

describe("recovering answers a crash left ungraded", () => {
  it("returns at once with a hung LLM, and grades every answer in the background, a few at a time", async () => {
    fake.handle(() => ({ content: judgement("Partial"), delayMs: 60_000 }));
    const store = await sqlite();
    const ids = await storeUngraded(store, 6);
    const sessions = service(store, llmGrade(store, { OPENAI_TIMEOUT_MS: "1000" }));

    const recovery = sessions.recoverInBackground({ concurrency: 3 });
    // Returned before any grade: every answer still waits (no wall-clock bound, which load would break).
    expect(await store.listUngraded()).toHaveLength(6);

    expect(await recovery.done).toBe(6);
    expect(fake.requests).toHaveLength(6);
    // Three at a time: three requests hung at once, never a fourth before one of them was given up.
    expect(fake.maxOpen).toBe(3);
    for (const id of ids) {
      const graded = await store.getAttempt(id);
      expect(graded?.grade).toMatchObject({ grader: "offline", fallback: "timeout" });
    }
    expect(await store.listUngraded()).toEqual([]);
  });

  it("grades each answer once when two processes recover at the same time (SQLite)", async () => {
    const path = tempDbPath();
    const a = await sqlite(path);
    const b = await sqlite(path);
    await twoRecoverers(a, b);
  });

  it("grades as the answer's own server grades: no LLM where it is off, none past the server's budget", async () => {
    fake.handle(() => ({ content: judgement("Partial") }));
    const store = await sqlite();
    await store.saveGuildSettings("g-off", settings({ llmGrading: false }), T0.toISOString());
    await store.saveGuildSettings("g-cap", settings({ dailyLlmTokens: 1000 }), T0.toISOString());
    await store.spendTokens("someone", "g-cap", 1200, "2026-02-02");
    const [off] = await storeUngraded(store, 1, { guildId: "g-off" });
    const [capped] = await storeUngraded(store, 1, { guildId: "g-cap" });
    const [on] = await storeUngraded(store, 1, { guildId: "g-on" });

    const sessions = service(store, llmGrade(store));
    expect(await sessions.recoverUngraded()).toBe(3);
    expect((await store.getAttempt(off as string))?.grade).toMatchObject({
      grader: "offline",
      fallback: null,
    });
    expect((await store.getAttempt(capped as string))?.grade).toMatchObject({
      grader: "offline",
      fallback: "budget_exceeded",
    });
    expect((await store.getAttempt(on as string))?.grade?.grader).toBe("llm");
    expect(fake.requests).toHaveLength(1);
  });

  it("grades again with the answer's own server, wherever 'Grade again' is pressed", async () => {
    fake.handle(() => ({ content: judgement("Partial") }));
    const store = await sqlite();
    await store.saveGuildSettings("g-off", settings({ llmGrading: false }), T0.toISOString());
    const [fromDm, fromOther] = await storeUngraded(store, 2, { guildId: "g-off" });
    const sessions = service(store, llmGrade(store));

    const a = await sessions.regrade(fromDm as string, "u1", { guildId: null });
    const b = await sessions.regrade(fromOther as string, "u1", { guildId: "g-on" });
    expect(a.feedback.grade.grader).toBe("offline");
    expect(b.feedback.grade.grader).toBe("offline");
    expect(fake.requests).toHaveLength(0);
  });

  it("logs an answer it could not grade, without its text, and goes on with the rest", async () => {
    const store = await sqlite();
    const [bad, good] = await storeUngraded(store, 2);
    const badText = (await store.getAttempt(bad as string))?.answerText ?? "";
    const sessions = service(store, async (input, who) => {
      if (input.answer === badText) throw new Error(`grader crashed on: ${input.answer}`);
      return offlineGrade(input, who);
    });
    const { log, lines } = memoryLog();
    expect(await sessions.recoverUngraded({ log })).toBe(1);
    expect((await store.getAttempt(good as string))?.grade).not.toBeNull();
    expect((await store.listUngraded()).map((a) => a.id)).toEqual([bad]);
    const warning = lines()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === "could not grade an answer left ungraded");
    expect(warning).toMatchObject({ level: 40, module: "recovery", attempt_id: bad });
    expect(lines()).not.toContain("Memphis");
    // Its claim was given back: the next pass (or "Grade again") may try it at once.
    expect(await service(store, offlineGrade).recoverUngraded()).toBe(1);
  });

  it("leaves an answer another process is grading, and takes it once that process's claim lapses", async () => {
    const path = tempDbPath();
    const live = await sqlite(path);
    const other = await sqlite(path);
    const clock = { now: T0 };
    // A process that stored an answer and hangs grading it (or died doing so): it holds the claim.
    let grading: () => void = () => undefined;
    const hung = service(live, () => {
      grading();
      return new Promise(() => undefined);
    });
    const started = new Promise<void>((resolve) => {
      grading = resolve;
    });
    void hung.gradeSingle({
      userId: "u1",
      question: {
        id: null,
        text: "Tell me about a time you improved a process.",
        competency: null,
        probes: [],
      },
      level: "entry",
      text: STRONG_ANSWER,
    });
    await started;

    const recoverer = service(other, offlineGrade, clock);
    expect(await recoverer.recoverUngraded()).toBe(0);
    expect(await other.listUngraded()).toHaveLength(1);
    clock.now = new Date(T0.getTime() + DEFAULT_GRADE_LEASE_MS + 1000);
    expect(await recoverer.recoverUngraded()).toBe(1);
    expect(await other.listUngraded()).toEqual([]);
  });
});

/** Two processes' recoverers, each on its own store connection, recovering the same answers at once. */
async function twoRecoverers(a: Store, b: Store): Promise<void> {
  fake.handle(() => ({ content: judgement("Partial"), delayMs: 150 }));
  const ids = await storeUngraded(a, 8);
  const [ra, rb] = [
    service(a, llmGrade(a)).recoverInBackground({ concurrency: 2, retryHeldAfterMs: 100 }),
    service(b, llmGrade(b)).recoverInBackground({ concurrency: 2, retryHeldAfterMs: 100 }),
  ];
  const [ga, gb] = await Promise.all([ra.done, rb.done]);
  expect(ga + gb).toBe(8);
  // Each answer went to the LLM exactly once.
  const sent = fake.requests.map((r) => fencedAnswer(r));
  expect(sent).toHaveLength(8);
  expect(new Set(sent).size).toBe(8);
  for (const id of ids) expect((await a.getAttempt(id))?.grade?.grader).toBe("llm");
  expect(await a.listUngraded()).toEqual([]);
}

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)("recovering answers on PostgreSQL", () => {
  const schema = `star_recover_${randomBytes(6).toString("hex")}`;
  afterAll(() => dropSchemaLater(url as string, schema));

  it("grades each answer once when two processes recover at the same time", async () => {
    const a = await openPostgresStore(url as string, { schema, max: 4 });
    const b = await openPostgresStore(url as string, { schema, max: 4 });
    stores.push(a, b);
    await twoRecoverers(a, b);
  });
});
