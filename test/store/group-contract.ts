import { describe, expect, it } from "vitest";
import type { DailySchedule, GroupRound } from "../../src/store/records.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { at, newAttempt, type StoreFactory, T0 } from "./contract.js";

function round(id: string, overrides: Partial<GroupRound> = {}): GroupRound {
  return {
    id,
    guildId: "g1",
    channelId: "c1",
    threadId: "t1",
    messageId: "m1",
    questionId: "inv-cycle-count-gap",
    level: "mid",
    focus: null,
    startedBy: "u1",
    source: "group",
    feedback: "private",
    status: "open",
    closesAt: at(30),
    createdAt: T0,
    closedAt: null,
    closedBy: null,
    ...overrides,
  };
}

// A function, not a constant: contract.ts and this file import each other.
const daily = (): DailySchedule => ({
  guildId: "g1",
  channelId: "c1",
  time: "09:30",
  focus: "inventory",
  level: null,
  minutes: 60,
  setBy: "u1",
  updatedAt: T0,
});

/** Group rounds, entries, ratings, daily schedules and per-server data: the same on every engine. */
export function groupStoreContract(name: string, factory: StoreFactory): void {
  describe(`group store contract: ${name}`, () => {
    it("keeps rounds, finds the due ones, and lets exactly one closer close each", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const r = round("r1");
      await first.groups.saveRound(r);
      await first.groups.saveRound(round("r2", { guildId: "g2", createdAt: at(1) }));
      expect(await first.groups.listDueRounds(at(10))).toEqual([]);
      expect(await second.groups.listDueRounds(at(30))).toHaveLength(2);
      expect((await first.groups.listOpenRounds("g1")).map((x) => x.id)).toEqual(["r1"]);
      const claims = await Promise.all([
        first.groups.closeRound("r1", at(31), null),
        second.groups.closeRound("r1", at(31), "u9"),
        first.groups.closeRound("r1", at(32), "u1"),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const closed = await second.groups.getRound("r1");
      expect(closed).toMatchObject({ status: "closed", closedAt: expect.any(String) });
      expect(await first.groups.listDueRounds(at(60))).toEqual([
        round("r2", { guildId: "g2", createdAt: at(1) }),
      ]);
      expect(await first.groups.listOpenRounds("g1")).toEqual([]);
      expect(await first.groups.getRound("nope")).toBeNull();
      await second.close();
      await first.close();
    });

    it("keeps one entry per user and round: a second answer replaces the first", async () => {
      const store = await factory.open();
      await store.groups.saveEntry({
        roundId: "r1",
        userId: "u1",
        attemptId: "a1",
        share: "none",
        createdAt: T0,
        updatedAt: T0,
      });
      await store.groups.saveEntry({
        roundId: "r1",
        userId: "u2",
        attemptId: "a2",
        share: "masked",
        createdAt: at(1),
        updatedAt: at(1),
      });
      await store.groups.saveEntry({
        roundId: "r1",
        userId: "u1",
        attemptId: "a3",
        share: "none",
        createdAt: at(2),
        updatedAt: at(2),
      });
      const entries = await store.groups.listEntries("r1");
      expect(entries.map((e) => [e.userId, e.attemptId])).toEqual([
        ["u1", "a3"],
        ["u2", "a2"],
      ]);
      expect(entries[0]).toMatchObject({ createdAt: T0, updatedAt: at(2) });
      expect(await store.groups.setShare("r1", "u1", "verbatim", at(3))).toBe(true);
      expect(await store.groups.setShare("r1", "u7", "verbatim", at(3))).toBe(false);
      expect((await store.groups.getEntry("r1", "u1"))?.share).toBe("verbatim");
      expect(await store.groups.getEntry("r2", "u1")).toBeNull();
      await store.close();
    });

    it("keeps a rater's latest rating per answer and criterion", async () => {
      const store = await factory.open();
      const base = { roundId: "r1", raterId: "u1", targetId: "u2", criterion: "result" as const };
      await store.groups.rate({ ...base, score: 1, at: T0 });
      await store.groups.rate({ ...base, score: 3, at: at(1) });
      await store.groups.rate({ ...base, criterion: "task", score: 2, at: at(2) });
      await store.groups.rate({ ...base, roundId: "r2", score: 4, at: at(3) });
      const ratings = await store.groups.listRatings("r1");
      expect(ratings.map((r) => [r.criterion, r.score])).toEqual([
        ["result", 3],
        ["task", 2],
      ]);
      await store.groups.rate({ ...base, targetId: "u3", score: 1, at: at(4) });
      expect(await store.groups.clearRatingsOf("r1", "u2")).toBe(2);
      expect((await store.groups.listRatings("r1")).map((r) => r.targetId)).toEqual(["u3"]);
      expect((await store.groups.listRatings("r2")).map((r) => r.targetId)).toEqual(["u2"]);
      await store.close();
    });

    it("keeps daily schedules and lets exactly one process claim a day's post", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const schedule = daily();
      await first.groups.saveDaily(schedule);
      await first.groups.saveDaily({ ...schedule, time: "10:00", updatedAt: at(1) });
      expect(await second.groups.getDaily("g1")).toEqual({ ...schedule, time: "10:00", updatedAt: at(1) });
      expect(await second.groups.listDailies()).toHaveLength(1);
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? first : second).groups.claimDailyPost("g1", "2026-01-05", `p${i}`, T0),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await first.groups.claimDailyPost("g1", "2026-01-06", "p0", T0)).toBe(true);
      expect(await first.groups.claimDailyPost("g2", "2026-01-05", "p0", T0)).toBe(true);
      expect(await first.groups.deleteDaily("g1")).toBe(true);
      expect(await first.groups.deleteDaily("g1")).toBe(false);
      expect(await first.groups.getDaily("g1")).toBeNull();
      await second.close();
      await first.close();
    });

    it("lists a server's graded attempts and purges them by server", async () => {
      const store = await factory.open();
      const inG1 = newAttempt("u1", { guildId: "g1", createdAt: at(1) });
      const oldInG1 = newAttempt("u2", { guildId: "g1", createdAt: "2025-01-01T00:00:00.000Z" });
      const inG2 = newAttempt("u1", { guildId: "g2", createdAt: "2025-01-01T00:00:00.000Z" });
      const ungraded = newAttempt("u3", { guildId: "g1", createdAt: at(2) });
      for (const a of [inG1, oldInG1, inG2, ungraded]) await store.addAttempt(a);
      const g = grade(STRONG_ANSWER);
      for (const a of [inG1, oldInG1, inG2]) await store.saveGrade(a.id, g, "offline", at(3));
      expect((await store.listGuildAttempts("g1")).map((a) => a.id)).toEqual([inG1.id, oldInG1.id]);
      expect((await store.listGuildAttempts("g1", { since: T0 })).map((a) => a.id)).toEqual([inG1.id]);
      expect((await store.getAttempt(inG1.id))?.guildId).toBe("g1");
      expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z", "g1")).toBe(1);
      expect(await store.getAttempt(inG2.id)).not.toBeNull();
      await store.saveGuildSettings("g1", { ...(await store.getGuildSettings("g1")), retentionDays: 7 }, T0);
      expect(await store.listGuildSettings()).toEqual([
        { guildId: "g1", settings: expect.objectContaining({ retentionDays: 7 }) },
      ]);
      await store.close();
    });

    it("exports a user's round entries and ratings, and deletes them with the user", async () => {
      const store = await factory.open();
      await store.ensureUser("u1", "Ada", T0);
      const a = newAttempt("u1", { guildId: "g1" });
      await store.addAttempt(a);
      await store.groups.saveEntry({
        roundId: "r1",
        userId: "u1",
        attemptId: a.id,
        share: "masked",
        createdAt: T0,
        updatedAt: T0,
      });
      await store.groups.rate({
        roundId: "r1",
        raterId: "u1",
        targetId: "u2",
        criterion: "task",
        score: 3,
        at: T0,
      });
      await store.groups.rate({
        roundId: "r1",
        raterId: "u2",
        targetId: "u1",
        criterion: "task",
        score: 1,
        at: T0,
      });
      await store.groups.rate({
        roundId: "r1",
        raterId: "u2",
        targetId: "u3",
        criterion: "task",
        score: 2,
        at: T0,
      });
      const exported = await store.exportUser("u1", at(1));
      expect(exported.roundEntries).toEqual([
        { roundId: "r1", userId: "u1", attemptId: a.id, share: "masked", createdAt: T0, updatedAt: T0 },
      ]);
      expect(exported.peerRatings.map((r) => r.targetId)).toEqual(["u2"]);
      expect(exported.attempts[0]?.guildId).toBe("g1");
      await store.deleteUser("u1");
      expect(await store.groups.listEntries("r1")).toEqual([]);
      expect((await store.groups.listRatings("r1")).map((r) => [r.raterId, r.targetId])).toEqual([
        ["u2", "u3"],
      ]);
      await store.close();
    });
  });
}
