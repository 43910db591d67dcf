import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInterview } from "../../src/core/interview/machine.js";
import type { InterviewState } from "../../src/core/interview/types.js";
import type { NewAttempt } from "../../src/store/records.js";
import { type Store, VersionConflictError } from "../../src/store/store.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { dataFaultsContract } from "./faults-contract.js";
import { groupStoreContract } from "./group-contract.js";
import { privacyContract } from "./privacy-contract.js";
import type { RawDb } from "./raw.js";
import { standingsContract } from "./standings-contract.js";
import { storiesContract } from "./stories-contract.js";

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** A second, independent connection to the same database as the last `open()`. */
  openSecond(): Promise<Store>;
  /** Direct access to the last `open()`'s database, around the store. */
  raw(): RawDb;
  /** The files holding the last `open()`'s database (SQLite), to read their bytes. */
  files?(): string[];
}

export const T0 = "2026-01-05T10:00:00.000Z";
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function newSession(userId: string, id: string = randomUUID()): InterviewState {
  return createInterview({
    id,
    userId,
    config: {
      level: "mid",
      competencies: ["inventory"],
      questionCount: 2,
      followUps: true,
      answerTimeLimitSec: null,
    },
    questionIds: ["inv-cycle-count-gap", "inv-shrinkage-loss-investigation"],
    at: T0,
  }).state;
}

export function newAttempt(userId: string, overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    id: randomUUID(),
    userId,
    guildId: null,
    sessionId: null,
    questionId: "inv-cycle-count-gap",
    questionText: "Tell me about a time the inventory did not match.",
    competency: "inventory",
    level: "mid",
    kind: "single",
    answerText: STRONG_ANSWER,
    combineWith: null,
    createdAt: T0,
    ...overrides,
  };
}

/** One contract, run against every engine. */
export function storeContract(name: string, factory: StoreFactory): void {
  groupStoreContract(name, factory);
  dataFaultsContract(name, factory);
  privacyContract(name, factory);
  standingsContract(name, factory);
  storiesContract(name, factory);
  describe(`store contract: ${name}`, () => {
    it("creates users once and keeps their settings", async () => {
      const store = await factory.open();
      await store.ensureUser("u1", "Ada", T0);
      await store.ensureUser("u1", null, at(5));
      expect(await store.getUser("u1")).toEqual({
        id: "u1",
        displayName: "Ada",
        createdAt: T0,
        settings: { public: false, defaultLevel: null },
      });
      await store.saveUserSettings("u1", { public: true, defaultLevel: "senior" });
      expect((await store.getUser("u1"))?.settings).toEqual({ public: true, defaultLevel: "senior" });
      expect(await store.getUser("nobody")).toBeNull();
      await store.close();
    });

    it("saves sessions with a version, and refuses a stale write", async () => {
      const store = await factory.open();
      const state = newSession("u2");
      await store.createSession(state);
      const loaded = await store.getSession(state.id);
      expect(loaded).toEqual({ state, version: 1 });
      expect((await store.findOpenSession("u2"))?.state.id).toBe(state.id);
      const v2 = await store.saveSession({ ...state, phase: "grading", updatedAt: at(1) }, 1);
      expect(v2).toBe(2);
      await expect(store.saveSession({ ...state, updatedAt: at(2) }, 1)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await store.saveSession(
        { ...state, status: "finished", phase: "done", endedBy: "user", updatedAt: at(3) },
        2,
      );
      expect(await store.findOpenSession("u2")).toBeNull();
      expect((await store.listSessions("u2", { finishedOnly: true })).map((s) => s.id)).toEqual([state.id]);
      await store.close();
    });

    it("stores an answer before its grade, lists it as ungraded, then keeps the grade", async () => {
      const store = await factory.open();
      const attempt = newAttempt("u3");
      await store.addAttempt(attempt);
      expect((await store.listUngraded()).map((a) => a.id)).toContain(attempt.id);
      const g = grade(attempt.answerText, attempt.questionId ?? undefined);
      await store.saveGrade(attempt.id, g, "offline", at(1));
      expect((await store.listUngraded()).map((a) => a.id)).not.toContain(attempt.id);
      const stored = await store.getAttempt(attempt.id);
      expect(stored).toEqual({ ...attempt, grade: g, grader: "offline", gradedAt: at(1) });
      await store.close();
    });

    it("lists a server's scores from the overall column, and reads many users in one call", async () => {
      const store = await factory.open();
      const guild = `g-scores-${name}`;
      const graded = [0, 1, 2].map((i) =>
        newAttempt(`sc-u${i % 2}`, { id: `sc-${name}-${i}`, guildId: guild, createdAt: at(10 + i) }),
      );
      const elsewhere = newAttempt("sc-u0", {
        id: `sc-${name}-other`,
        guildId: "g-other",
        createdAt: at(10),
      });
      const ungraded = newAttempt("sc-u0", { id: `sc-${name}-ungraded`, guildId: guild, createdAt: at(20) });
      for (const a of [...graded, elsewhere, ungraded]) await store.addAttempt(a);
      for (const a of [...graded, elsewhere]) {
        const g = grade(a.answerText, a.questionId ?? undefined);
        await store.saveGrade(a.id, g, "offline", at(30));
      }
      const scores = await store.listGuildScores(guild);
      expect(scores.map((s) => s.id)).toEqual([`sc-${name}-2`, `sc-${name}-1`, `sc-${name}-0`]);
      expect(scores[0]).toEqual({
        id: `sc-${name}-2`,
        userId: "sc-u0",
        sessionId: null,
        combineWith: null,
        createdAt: at(12),
        overall: (await store.getAttempt(`sc-${name}-2`))?.grade?.overall,
      });
      expect(scores.every((s) => Number.isInteger(s.overall) && s.overall >= 1)).toBe(true);
      expect((await store.listGuildScores(guild, { since: at(11) })).map((s) => s.id)).toEqual([
        `sc-${name}-2`,
        `sc-${name}-1`,
      ]);
      await store.ensureUser("sc-u0", "Ana", T0);
      await store.ensureUser("sc-u1", "Ben", T0);
      const users = await store.getUsers(["sc-u1", "sc-u0", "nobody"]);
      expect(users.map((u) => u.displayName).sort()).toEqual(["Ana", "Ben"]);
      expect(await store.getUsers([])).toEqual([]);
      await store.close();
    });

    it("lists the delivery of a user's spoken answers, oldest first, and no typed answer's", async () => {
      const store = await factory.open();
      const delivery = {
        duration_s: 100,
        words: 220,
        words_per_minute: 132,
        filler_count: 3,
        fillers: [{ word: "um", count: 3 }],
        hedges: [],
        pauses_over_2s: 0,
      };
      const typed = newAttempt("u-voice", {
        id: "typed",
        createdAt: at(0),
        answerText: `${STRONG_ANSWER} "delivery":{`,
      });
      await store.addAttempt(typed);
      await store.saveGrade(typed.id, grade(typed.answerText), "offline", at(1));
      for (const [i, wpm] of [118, 141].entries()) {
        const spoken = newAttempt("u-voice", { id: `spoken-${i}`, createdAt: at(10 + i) });
        await store.addAttempt(spoken);
        const g = { ...grade(spoken.answerText), delivery: { ...delivery, words_per_minute: wpm } };
        await store.saveGrade(spoken.id, g, "offline", at(20));
      }
      const listed = await store.listDeliveries("u-voice");
      expect(listed.map((d) => [d.attemptId, d.delivery.words_per_minute])).toEqual([
        ["spoken-0", 118],
        ["spoken-1", 141],
      ]);
      expect(await store.listDeliveries("someone-else")).toEqual([]);
      await store.close();
    });

    it("lists a user's attempts newest first", async () => {
      const store = await factory.open();
      for (let i = 0; i < 3; i++)
        await store.addAttempt(newAttempt("u4", { id: `u4-${i}`, createdAt: at(i) }));
      await store.addAttempt(newAttempt("someone-else"));
      expect((await store.listAttempts("u4")).map((a) => a.id)).toEqual(["u4-2", "u4-1", "u4-0"]);
      expect(await store.listAttempts("u4", { gradedOnly: true })).toEqual([]);
      await store.close();
    });

    it("keeps guild settings, with defaults for a new guild", async () => {
      const store = await factory.open();
      expect(await store.getGuildSettings("g1")).toEqual({
        defaultLevel: null,
        llmGrading: true,
        dailyLlmTokens: 0,
        groupFeedback: "private",
        retentionDays: 0,
      });
      const settings = {
        defaultLevel: "senior" as const,
        llmGrading: false,
        dailyLlmTokens: 50_000,
        groupFeedback: "public" as const,
        retentionDays: 30,
      };
      await store.saveGuildSettings("g1", settings, T0);
      await store.saveGuildSettings("g1", { ...settings, retentionDays: 60 }, at(1));
      expect(await store.getGuildSettings("g1")).toEqual({ ...settings, retentionDays: 60 });
      await store.close();
    });

    it("exports everything of a user, deletes it all, and purges old attempts", async () => {
      const store = await factory.open();
      await store.ensureUser("u5", "Grace", T0);
      const state = newSession("u5");
      await store.createSession(state);
      const old = newAttempt("u5", { createdAt: "2025-01-01T00:00:00.000Z", sessionId: state.id });
      const recent = newAttempt("u5", { createdAt: at(1) });
      await store.addAttempt(old);
      await store.addAttempt(recent);
      await store.addAttempt(newAttempt("u6"));
      const exported = await store.exportUser("u5", at(2));
      expect(exported.user?.displayName).toBe("Grace");
      expect(exported.sessions).toHaveLength(1);
      expect(exported.attempts.map((a) => a.id)).toEqual([old.id, recent.id]);
      expect(exported.attempts[0]?.answerText).toBe(STRONG_ANSWER);
      expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z")).toBe(1);
      expect(await store.deleteUser("u5")).toEqual({ sessions: 1, attempts: 1, stories: 0 });
      expect(await store.exportUser("u5", at(3))).toEqual({
        exportedAt: at(3),
        user: null,
        sessions: [],
        attempts: [],
        roundEntries: [],
        peerRatings: [],
        llmCache: [],
        llmSpend: [],
        stories: [],
      });
      expect(await store.listAttempts("u6")).toHaveLength(1);
      await store.close();
    });

    it("handles a replayed interaction once, across connections", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const results = await Promise.all([
        first.claimInteraction("i-1", T0),
        second.claimInteraction("i-1", T0),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await first.claimInteraction("i-2", at(1))).toBe(true);
      expect(await first.forgetInteractions(at(1))).toBe(1);
      expect(await second.claimInteraction("i-1", at(2))).toBe(true);
      await second.close();
      await first.close();
    });

    it("runs a cooldown that every connection sees", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      expect(await first.takeCooldown("u8", "grade", T0, 30)).toEqual({ ok: true });
      expect(await second.takeCooldown("u8", "grade", at(0.25), 30)).toEqual({
        ok: false,
        retryAfterSec: 15,
      });
      expect(await second.takeCooldown("u8", "other", at(0.25), 30)).toEqual({ ok: true });
      expect(await second.takeCooldown("u8", "grade", at(0.5), 30)).toEqual({ ok: true });
      await second.close();
      await first.close();
    });

    it("caches LLM grades and counts tokens per user and guild per day, across connections", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const g = grade(STRONG_ANSWER);
      const owner = { userId: "u9", guildId: "g9", attemptId: "a9" };
      expect(await first.getCachedGrade("k1", "u9")).toBeNull();
      await first.setCachedGrade("k1", g, T0, owner);
      expect(await second.getCachedGrade("k1", "u9")).toEqual(g);
      // Per user: another user's identical answer is graded again, never served this user's grade.
      expect(await second.getCachedGrade("k1", "u10")).toBeNull();
      await Promise.all([
        first.spendTokens("u9", "g9", 1200, "2026-01-05"),
        second.spendTokens("u9", "g9", 800, "2026-01-05"),
      ]);
      await first.spendTokens("u10", "g9", 500, "2026-01-05");
      await first.spendTokens("u9", null, 100, "2026-01-06");
      expect(await second.tokensSpent("u9", "g9", "2026-01-05")).toEqual({ user: 2000, guild: 2500 });
      expect(await second.tokensSpent("u9", null, "2026-01-06")).toEqual({ user: 100, guild: 0 });
      await second.close();
      await first.close();
    });

    it("loses no update when two connections write the same session at once", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const state = newSession("u7");
      await first.createSession(state);
      const writer = async (store: Store, tag: string) => {
        for (let i = 0; i < 10; i++) {
          for (;;) {
            const current = await store.getSession(state.id);
            if (!current) throw new Error("session vanished");
            const item = current.state.items[0];
            if (!item) throw new Error("no item");
            const attempts = [
              ...item.attempts,
              {
                attemptId: `${tag}-${i}`,
                kind: "answer" as const,
                overall: null,
                scores: null,
                overTime: false,
                at: T0,
              },
            ];
            const next = {
              ...current.state,
              items: [{ ...item, attempts }, ...current.state.items.slice(1)],
            };
            try {
              await store.saveSession(next, current.version);
              break;
            } catch (err) {
              if (!(err instanceof VersionConflictError)) throw err;
            }
          }
        }
      };
      await Promise.all([writer(first, "a"), writer(second, "b")]);
      const final = await first.getSession(state.id);
      const ids = final?.state.items[0]?.attempts.map((a) => a.attemptId) ?? [];
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
      expect(final?.version).toBe(21);
      await second.close();
      await first.close();
    });
  });
}
