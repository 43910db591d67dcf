import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/interview/select.js";
import { GroupService } from "../../src/sessions/group-service.js";
import { SessionService } from "../../src/sessions/session-service.js";
import { openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { offlineGrade, tempDbPath } from "../helpers/sessions.js";

/** The store, counting the calls made to each of its methods (the group store's too). */
function counted(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const count = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const value = Reflect.get(t, key, receiver);
        if (key === "groups") return count(value as object, "groups.");
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.set(`${prefix}${String(key)}`, (calls.get(`${prefix}${String(key)}`) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return { store: count(store, ""), calls };
}

const config = {
  level: "mid" as const,
  competencies: [],
  questionCount: 3,
  followUps: false,
  answerTimeLimitSec: null,
};

function sessions(store: Store, now: () => Date) {
  return new SessionService({
    store,
    content,
    grade: offlineGrade,
    now,
    newId: randomUUID,
    random: seededRandom(5),
    idleSeconds: 3600,
    avoidLast: 30,
  });
}

describe("what the services read from the store", () => {
  it("starts a returning user's interview from their attempts' numbers, not their full rows", async () => {
    const raw = await openSqliteStore(tempDbPath());
    const clock = { now: new Date("2026-02-02T09:00:00.000Z") };
    const service = sessions(raw, () => clock.now);
    const first = await service.start("u1", config);
    for (const item of first.state.items) {
      await service.answer(first.state.id, "u1", STRONG_ANSWER);
      if (item !== first.state.items.at(-1)) await service.next(first.state.id, "u1");
    }
    const { store, calls } = counted(raw);
    const second = await sessions(store, () => clock.now).start("u1", config);
    expect(calls.get("listAttemptSummaries")).toBe(1);
    expect(calls.has("listAttempts")).toBe(false);
    // The questions just answered are not asked again while others remain.
    const asked = new Set(first.state.items.map((i) => i.questionId));
    expect(second.state.items.some((i) => asked.has(i.questionId))).toBe(false);
    await raw.close();
  });

  it("sums up a round with one read of its answers and one of their authors, however many answered", async () => {
    const raw = await openSqliteStore(tempDbPath());
    const clock = { now: new Date("2026-02-02T09:00:00.000Z") };
    const { store, calls } = counted(raw);
    const groups = new GroupService({
      store,
      content,
      sessions: sessions(store, () => clock.now),
      newId: randomUUID,
      now: () => clock.now,
      random: () => 0.5,
    });
    const { round } = await groups.start({
      guildId: "g1",
      channelId: "c1",
      startedBy: "u0",
      source: "group",
      level: "mid",
      competencies: [],
      minutes: 30,
    });
    for (let u = 0; u < 6; u++) {
      await raw.ensureUser(`u${u}`, `User ${u}`, clock.now.toISOString());
      await raw.saveUserSettings(`u${u}`, { public: u % 2 === 0, defaultLevel: null });
      await groups.answer(round.id, "g1", `u${u}`, STRONG_ANSWER);
    }
    calls.clear();
    const summary = await groups.summary(round);
    expect(summary.answered).toBe(6);
    expect(Object.fromEntries(calls)).toEqual({
      "groups.listEntries": 1,
      "groups.listRatings": 1,
      getAttempts: 1,
      getUsers: 1,
    });
    expect(summary.strongest?.name).toBe("User 0");
    await raw.close();
  });
});
