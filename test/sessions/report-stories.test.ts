import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/interview/select.js";
import { matchAnswerToStories } from "../../src/core/stories/reuse.js";
import { configureLogger } from "../../src/log.js";
import { SessionService } from "../../src/sessions/session-service.js";
import { openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { content } from "../helpers/grade.js";
import { captureLog } from "../helpers/log-capture.js";
import { offlineGrade, tempDbPath } from "../helpers/sessions.js";
import { bankStories, KAIZEN_RETOLD, UNRELATED } from "../helpers/stories.js";

const config = {
  level: "mid" as const,
  competencies: [],
  questionCount: 3,
  followUps: true,
  answerTimeLimitSec: null,
};

/** The store with `listStories` replaced, counting the calls to every method. */
function watched(store: Store, listStories?: Store["listStories"]) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(t, key) {
      const value = key === "listStories" && listStories ? listStories : Reflect.get(t, key, t);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { store: proxy, calls };
}

const service = (store: Store) =>
  new SessionService({
    store,
    content,
    grade: offlineGrade,
    now: () => new Date("2026-02-02T09:00:00.000Z"),
    newId: randomUUID,
    random: seededRandom(5),
    idleSeconds: 3600,
    avoidLast: 30,
  });

const OPENING =
  "A team I led at the Tulsa pump plant disagreed about how to fix the final line, which missed its 120 pumps a day.";
const REST =
  "My goal was to hit the target without overtime. I led a kaizen; we filmed each changeover and split internal from external steps, and as a result we hit the target every week for a quarter.";

/** Three questions: a weak answer completed by a follow-up, a retelling, an unrelated answer. */
async function interview(s: SessionService, userId: string) {
  const id = (await s.start(userId, config)).state.id;
  const [, second] = KAIZEN_RETOLD;
  // Neither half retells the story alone (below REUSE_THRESHOLD); graded together, as they are, they do.
  const answered = await s.answer(id, userId, OPENING);
  expect(answered.state.phase).toBe("awaiting_follow_up");
  await s.followUp(id, userId, REST);
  await s.next(id, userId);
  await s.answer(id, userId, second);
  await s.next(id, userId);
  await s.answer(id, userId, UNRELATED);
  return (await s.next(id, userId)).report;
}

afterEach(() => configureLogger({}));

describe("the report reads the story bank once", () => {
  it("matches each answer that counts to the user's stories, with one read of the stories and of the answers", async () => {
    const raw = await openSqliteStore(tempDbPath());
    await raw.ensureUser("u1", null, "2026-02-01T09:00:00.000Z");
    for (const story of bankStories("u1")) await raw.addStory(story);
    const { store, calls } = watched(raw);
    const s = service(store);
    const id = (await s.start("u1", { ...config, followUps: false })).state.id;
    for (const text of [KAIZEN_RETOLD[0], KAIZEN_RETOLD[1], UNRELATED]) {
      await s.answer(id, "u1", text);
      if (text !== UNRELATED) await s.next(id, "u1");
    }
    calls.clear();
    const report = (await s.next(id, "u1")).report;
    expect(report?.stories?.perQuestion.map((p) => p?.title ?? null)).toEqual([
      "Pump line kaizen",
      "Pump line kaizen",
      null,
    ]);
    expect(report?.stories?.warnings).toEqual([
      "You used *Pump line kaizen* for 2 of 3 answers; interviewers notice.",
    ]);
    expect(calls.get("listStories")).toBe(1);
    expect(calls.get("getAttempts")).toBe(1);
    expect(calls.has("getAttempt")).toBe(false);
    await raw.close();
  });

  it("matches a follow-up's answer together with the answer it completes, as it was graded", async () => {
    const raw = await openSqliteStore(tempDbPath());
    await raw.ensureUser("u2", null, "2026-02-01T09:00:00.000Z");
    for (const story of bankStories("u2")) await raw.addStory(story);
    const stories = bankStories("u2");
    expect(matchAnswerToStories(OPENING, stories)).toBeNull();
    expect(matchAnswerToStories(REST, stories)).toBeNull();
    const report = await interview(service(raw), "u2");
    expect(report?.questions[0]?.tries.find((t) => t.best)?.kind).toBe("follow_up");
    expect(report?.stories?.perQuestion[0]?.title).toBe("Pump line kaizen");
    await raw.close();
  });

  it("still reports when the stories cannot be read: logged, and no story lines", async () => {
    const capture = captureLog();
    configureLogger({ level: "debug", format: "json", destination: capture.destination });
    const raw = await openSqliteStore(tempDbPath());
    const { store } = watched(raw, () => Promise.reject(new Error("disk I/O error")));
    const report = await interview(service(store), "u3");
    expect(report?.questions).toHaveLength(3);
    expect(report?.stories).toBeNull();
    expect(report?.postingFit).toBeNull();
    const [line] = capture.with("could not read the user's stories for a report");
    expect(line).toMatchObject({ module: "sessions", err: { type: "Error" } });
    expect(JSON.stringify(line)).not.toContain("disk I/O");
    await raw.close();
  });
});
