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

/** A claim taken at minute `minute`, held for two minutes. */
const claim = (by: string, minute: number) => ({ by, at: at(minute), leaseUntil: at(minute + 2) });

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
        first.groups.closeRound("r1", at(31), null, null),
        second.groups.closeRound("r1", at(31), "u9", null),
        first.groups.closeRound("r1", at(32), "u1", null),
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
          (i % 2 ? first : second).groups.claimDailyPost("g1", "2026-01-05", claim(`p${i}`, 0)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await first.groups.claimDailyPost("g1", "2026-01-06", claim("p0", 0))).not.toBeNull();
      expect(await first.groups.claimDailyPost("g2", "2026-01-05", claim("p0", 0))).not.toBeNull();
      expect(await first.groups.deleteDaily("g1")).toBe(true);
      expect(await first.groups.deleteDaily("g1")).toBe(false);
      expect(await first.groups.getDaily("g1")).toBeNull();
      await second.close();
      await first.close();
    });

    it("retries a day's post that failed or whose claimant died, goes on from its progress, and never claims a posted day", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      const day = "2026-01-05";
      const taken = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? first : second).groups.claimDailyPost("g1", day, claim(`p${i}`, 0)),
        ),
      );
      const winner = taken.find((c) => c !== null);
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(winner).toMatchObject({ guildId: "g1", day, attempt: 1, roundId: null, messageId: null });
      const by = winner?.by ?? "";
      // Held: nobody else gets it before the lease is over; only the holder records progress.
      expect(await second.groups.claimDailyPost("g1", day, claim("late", 1))).toBeNull();
      expect(await second.groups.recordDailyPost("g1", day, "late", { roundId: "r9" })).toBe(false);
      expect(await first.groups.recordDailyPost("g1", day, by, { roundId: "r1" })).toBe(true);
      expect(await first.groups.recordDailyPost("g1", day, by, { messageId: "m1" })).toBe(true);
      // A failed attempt gives it back for a retry at minute 5: not before.
      expect(await second.groups.releaseDailyPost("g1", day, "late", at(5))).toBe(false);
      expect(await first.groups.releaseDailyPost("g1", day, by, at(5))).toBe(true);
      expect(await second.groups.claimDailyPost("g1", day, claim("early", 4))).toBeNull();
      const retries = await Promise.all([
        first.groups.claimDailyPost("g1", day, claim("r-a", 5)),
        second.groups.claimDailyPost("g1", day, claim("r-b", 5)),
      ]);
      const retry = retries.find((c) => c !== null);
      expect(retries.filter(Boolean)).toHaveLength(1);
      expect(retry).toMatchObject({ attempt: 2, roundId: "r1", messageId: "m1" });
      // The first claimant lost it: its late writes are refused.
      expect(await first.groups.recordDailyPost("g1", day, by, { postedAt: at(6) })).toBe(false);
      // A claimant that died: its lease runs out (minute 7) and the next one takes over.
      expect(await second.groups.claimDailyPost("g1", day, claim("next", 7))).toMatchObject({ attempt: 3 });
      expect(await second.groups.recordDailyPost("g1", day, "next", { postedAt: at(8) })).toBe(true);
      expect(await first.groups.getDailyPost("g1", day)).toMatchObject({
        state: "posted",
        claimedBy: "next",
        attempts: 3,
        roundId: "r1",
        messageId: "m1",
        postedAt: at(8),
      });
      // Posted is final, whatever the lease says.
      expect(await first.groups.claimDailyPost("g1", day, claim("after", 60))).toBeNull();
      expect(await first.groups.getDailyPost("g1", "2026-01-06")).toBeNull();
      await second.close();
      await first.close();
    });

    it("claims a round's summary with its close, and retries it after a failure or a dead claimant, once", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      await first.groups.saveRound(round("r1"));
      await first.groups.saveRound(round("r2", { messageId: null }));
      const closes = await Promise.all([
        first.groups.closeRound("r1", at(31), null, claim("c1", 31)),
        second.groups.closeRound("r1", at(31), null, claim("c2", 31)),
      ]);
      expect(closes.filter(Boolean)).toHaveLength(1);
      const holder = closes[0] ? "c1" : "c2";
      expect(await first.groups.getSummary("r1")).toMatchObject({
        state: "pending",
        by: holder,
        attempts: 1,
      });
      // A round that was never posted closes without a summary to post.
      expect(await first.groups.closeRound("r2", at(31), null, null)).toBe(true);
      expect(await first.groups.getSummary("r2")).toMatchObject({ state: "none" });
      // Held until its lease ends; then listed for a retry, which one claimant wins.
      expect(await second.groups.listPendingSummaries(at(32))).toEqual([]);
      expect(await second.groups.claimSummary("r1", claim("x", 32))).toBeNull();
      expect(await first.groups.releaseSummary("r1", "x", at(40))).toBe(false);
      expect(await first.groups.releaseSummary("r1", holder, at(35))).toBe(true);
      expect((await second.groups.listPendingSummaries(at(35))).map((r) => r.id)).toEqual(["r1"]);
      const retries = await Promise.all([
        first.groups.claimSummary("r1", claim("s1", 35)),
        second.groups.claimSummary("r1", claim("s2", 35)),
      ]);
      expect(retries.filter((a) => a !== null)).toEqual([2]);
      const retrier = retries[0] !== null ? "s1" : "s2";
      expect(await first.groups.recordSummary("r1", holder, "m-old")).toBe(false);
      expect(await first.groups.recordSummary("r1", retrier, "m9")).toBe(true);
      expect(await first.groups.getSummary("r1")).toMatchObject({ state: "posted", messageId: "m9" });
      expect(await first.groups.listPendingSummaries(at(600))).toEqual([]);
      expect(await first.groups.claimSummary("r1", claim("s3", 600))).toBeNull();
      // Saving a round that was closed meanwhile (a late attach) does not open it again.
      await first.groups.saveRound(round("r1"));
      expect((await first.groups.getRound("r1"))?.status).toBe("closed");
      expect(await first.groups.listDueRounds(at(600))).toEqual([]);
      expect(await first.groups.getSummary("nope")).toBeNull();
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
