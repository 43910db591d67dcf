import { describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { scoresOf } from "../../src/core/interview/grade-summary.js";
import { seededRandom } from "../../src/core/interview/select.js";
import {
  LEADERBOARD_RULES,
  LEADERBOARD_WINDOW,
  type PeriodTotals,
  periodTotals,
  rankTotals,
} from "../../src/core/leaderboard/score.js";
import { withoutSuperseded } from "../../src/sessions/history.js";
import type { NewAttempt } from "../../src/store/records.js";
import type { Store } from "../../src/store/store.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { at, newAttempt, type StoreFactory, T0 } from "./contract.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-03-10T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const GUILD = "st-guild";
const RULES = { perDayCap: LEADERBOARD_RULES.perDayCap, window: LEADERBOARD_WINDOW };

/**
 * A server's answers meant to reach every branch of the scoring: daily streaks ending today, yesterday
 * and before; bursts past the daily cap with ties on the cap; answers only before the period; answers
 * exactly on the period's start and at `now`; follow-ups superseding answers (some given after `now`);
 * ungraded answers and answers in another server. Seeded, so a failure repeats.
 */
function serverAnswers(): Array<{ attempt: NewAttempt; overall: number | null }> {
  const random = seededRandom(2026);
  const out: Array<{ attempt: NewAttempt; overall: number | null }> = [];
  const last = new Map<string, NewAttempt>();
  let n = 0;
  const add = (
    userId: string,
    ms: number,
    options: { followUp?: boolean; guildId?: string; graded?: boolean; overall?: number } = {},
  ) => {
    const previous = last.get(userId);
    const combineWith = options.followUp && previous ? previous.id : null;
    const attempt = newAttempt(userId, {
      id: `st-${String(n++).padStart(4, "0")}-${Math.floor(random() * 1e6)}`,
      guildId: options.guildId ?? GUILD,
      createdAt: iso(ms),
      combineWith,
      kind: combineWith ? "follow_up" : "answer",
    });
    last.set(userId, attempt);
    const overall = options.overall ?? 1 + Math.floor(random() * 5);
    out.push({ attempt, overall: options.graded === false ? null : overall });
    return attempt;
  };
  const someTimeOn = (daysAgo: number) =>
    NOW - daysAgo * DAY + Math.floor(random() * 20) * 3_600_000 - 8 * 3_600_000;
  for (let u = 0; u < 24; u++) {
    const user = `st-u${String(u).padStart(2, "0")}`;
    switch (u % 6) {
      case 0: // every day up to today
        for (let d = 25; d >= 0; d--)
          for (let k = 0; k < 1 + (d % 3); k++) add(user, NOW - d * DAY - (k + 1) * 60_000);
        break;
      case 1: // up to yesterday, with a gap before
        for (let d = 12; d >= 1; d--) if (d !== 6) add(user, someTimeOn(d));
        break;
      case 2: // stopped two days ago
        for (let d = 9; d >= 2; d--) add(user, someTimeOn(d));
        break;
      case 3: {
        // bursts past the cap, two answers of a burst at the same moment around the cap
        for (const d of [3, 20]) {
          const start = NOW - d * DAY - 10 * 3_600_000;
          for (let k = 0; k < 9; k++)
            add(user, start + (k === 5 ? 4 : k) * 60_000, { overall: 1 + ((k + u) % 5) });
        }
        for (let d = 40; d > 10; d -= 3) add(user, someTimeOn(d));
        break;
      }
      case 4: // only long ago
        for (let d = 60; d > 8; d -= 4) add(user, someTimeOn(d));
        break;
      default: // sparse over four months
        for (let k = 0; k < 15; k++) add(user, NOW - Math.floor(random() * 120 * DAY));
    }
    // On every user: follow-ups, answers in the future, ungraded ones, another server's, the boundaries.
    for (let k = 0; k < 6; k++) {
      const ms = NOW - Math.floor(random() * 45 * DAY);
      const roll = random();
      if (roll < 0.3) {
        add(user, ms);
        add(user, ms + 90_000, { followUp: true });
      } else if (roll < 0.4) add(user, NOW + Math.floor(random() * 3 * DAY), { followUp: random() < 0.5 });
      else if (roll < 0.5) add(user, ms, { graded: false });
      else if (roll < 0.6) add(user, ms, { guildId: "st-other" });
      else if (roll < 0.7) add(user, NOW - 7 * DAY);
      else if (roll < 0.75) add(user, NOW);
      else if (roll < 0.8) add(user, NOW - 97 * DAY);
      else add(user, ms);
    }
  }
  // A burst on the day the week starts, either side of its start: the cap counts the period's only.
  for (let k = 0; k < 9; k++) add("st-edge", NOW - 7 * DAY + (k - 4) * 3_600_000, { overall: 1 + (k % 5) });
  // New this week: improvement measured from their first answer.
  for (let d = 3; d >= 0; d--) add("st-new", someTimeOn(d) - 12 * 3_600_000);
  return out;
}

async function seed(store: Store): Promise<void> {
  const base = grade(STRONG_ANSWER);
  for (const { attempt, overall } of serverAnswers()) {
    await store.addAttempt(attempt);
    if (overall !== null)
      await store.saveGrade(attempt.id, { ...base, overall }, "offline", attempt.createdAt);
  }
}

/** The leaderboard's totals as they were computed before SQL did it: every score read, scored in core. */
async function totalsInCore(store: Store, from: string | null, now: string, since?: string) {
  const scores = await store.listGuildScores(GUILD, since ? { since } : {});
  const points = withoutSuperseded(scores).map((s) => ({
    userId: s.userId,
    at: s.createdAt,
    overall: s.overall,
  }));
  return periodTotals(points, { from, now });
}

const byUser = (totals: readonly PeriodTotals[]) =>
  [...totals].sort((a, b) => (a.userId < b.userId ? -1 : 1));

/** The store's aggregate queries and narrow lists, against the full rows they replace. */
export function standingsContract(name: string, factory: StoreFactory): void {
  describe(`store standings and summaries: ${name}`, () => {
    it("aggregates a server's leaderboard in SQL exactly as core scores single answers", async () => {
      const store = await factory.open();
      await seed(store);
      const periods: Array<[string, number, number | null]> = [
        ["week", NOW, 7],
        ["month", NOW, 30],
        ["all time", NOW, null],
        ["a week, answers after now", NOW - 2.5 * DAY, 7],
        ["a day, at midnight", Date.parse("2026-03-09T00:00:00.000Z"), 1],
      ];
      for (const [label, nowMs, days] of periods) {
        const now = iso(nowMs);
        const from = days === null ? null : iso(nowMs - days * DAY);
        const since = from === null ? undefined : iso(Date.parse(from) - 90 * DAY);
        const expected = await totalsInCore(store, from, now, since);
        const actual = await store.guildStandings(GUILD, { from, now, ...(since ? { since } : {}) }, RULES);
        expect(expected.length, label).toBeGreaterThan(5);
        expect(byUser(actual), label).toEqual(byUser(expected));
        expect(rankTotals(actual, 100), label).toEqual(rankTotals(expected, 100));
      }
      // Every branch was reached: capped days, baselines of both kinds, streaks of each kind.
      const week = await store.guildStandings(GUILD, { from: iso(NOW - 7 * DAY), now: iso(NOW) }, RULES);
      expect(week.some((t) => t.baselineCount === 0)).toBe(true);
      expect(week.some((t) => t.baselineCount === LEADERBOARD_WINDOW)).toBe(true);
      expect(week.find((t) => t.userId === "st-u00")?.streak).toBeGreaterThanOrEqual(26);
      expect(week.find((t) => t.userId === "st-u01")?.streak).toBe(5);
      expect(week.find((t) => t.userId === "st-u02")?.streak).toBe(0);
      expect(week.find((t) => t.userId === "st-new")?.baselineCount).toBe(0);
      expect(week.find((t) => t.userId === "st-u03")?.answers).toBeLessThan(9);
      expect(await store.guildStandings("st-nobody", { from: null, now: iso(NOW) }, RULES)).toEqual([]);
      await store.close();
    });

    it("lists a user's attempts with their numbers only, newest first", async () => {
      const store = await factory.open();
      const attempts = [0, 1, 2].map((i) =>
        newAttempt("sm-u1", { id: `sm-${i}`, createdAt: at(i), sessionId: i === 2 ? null : "sm-s1" }),
      );
      for (const a of attempts) await store.addAttempt(a);
      await store.addAttempt(newAttempt("sm-u2", { id: "sm-other" }));
      const grades: Grade[] = [grade(STRONG_ANSWER), grade("We fixed it somehow.")];
      await store.saveGrade("sm-0", grades[0] as Grade, "offline", at(5));
      await store.saveGrade("sm-1", grades[1] as Grade, "offline", at(5));
      const summaries = await store.listAttemptSummaries("sm-u1");
      expect(summaries).toEqual([
        {
          id: "sm-2",
          sessionId: null,
          questionId: attempts[2]?.questionId,
          competency: "inventory",
          kind: "single",
          createdAt: at(2),
          score: null,
        },
        expect.objectContaining({
          id: "sm-1",
          sessionId: "sm-s1",
          score: { overall: grades[1]?.overall, scores: scoresOf(grades[1] as Grade) },
        }),
        expect.objectContaining({
          id: "sm-0",
          score: { overall: grades[0]?.overall, scores: scoresOf(grades[0] as Grade) },
        }),
      ]);
      expect((await store.listAttemptSummaries("sm-u1", { gradedOnly: true })).map((s) => s.id)).toEqual([
        "sm-1",
        "sm-0",
      ]);
      expect((await store.listAttemptSummaries("sm-u1", { limit: 1 })).map((s) => s.id)).toEqual(["sm-2"]);
      expect(await store.listAttemptSummaries("nobody")).toEqual([]);
      await store.close();
    });

    it("reads many attempts in one call", async () => {
      const store = await factory.open();
      const attempts = [0, 1, 2].map((i) => newAttempt(`ga-u${i}`, { id: `ga-${i}`, createdAt: at(i) }));
      for (const a of attempts) await store.addAttempt(a);
      const g = grade(STRONG_ANSWER);
      await store.saveGrade("ga-1", g, "offline", at(4));
      const read = await store.getAttempts(["ga-2", "ga-1", "missing"]);
      expect(read.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
        { ...attempts[1], guildId: null, grade: g, grader: "offline", gradedAt: at(4) },
        { ...attempts[2], guildId: null, grade: null, grader: null, gradedAt: null },
      ]);
      expect(await store.getAttempts([])).toEqual([]);
      await store.close();
    });

    it("reads back its own guild settings writes at once, however often they were read", async () => {
      const store = await factory.open();
      const first = await store.getGuildSettings("gs-1");
      expect(await store.getGuildSettings("gs-1")).toEqual(first);
      await store.saveGuildSettings("gs-1", { ...first, llmGrading: false }, T0);
      expect((await store.getGuildSettings("gs-1")).llmGrading).toBe(false);
      // A caller changing what it was given changes nothing stored or cached.
      const given = await store.getGuildSettings("gs-1");
      given.llmGrading = true;
      expect((await store.getGuildSettings("gs-1")).llmGrading).toBe(false);
      await store.close();
    });

    it("fills the criterion scores of answers graded before migration 0009", async () => {
      const store = await factory.open();
      const graded = newAttempt("mg-u1", { id: "mg-1", createdAt: at(1) });
      const unreadable = newAttempt("mg-u1", { id: "mg-2", createdAt: at(2) });
      await store.addAttempt(graded);
      await store.addAttempt(unreadable);
      const g = grade(STRONG_ANSWER);
      await store.saveGrade(graded.id, g, "offline", at(3));
      await store.saveGrade(unreadable.id, g, "offline", at(3));
      await store.close();
      // Back to the schema before 0009 (and so before 0010), one stored grade without its criteria.
      const raw = factory.raw();
      try {
        await raw.db.schema.dropIndex("attempts_guild_scores").execute();
        await raw.db.schema.alterTable("attempts").dropColumn("criterion_scores").execute();
        await raw.db
          .updateTable("attempts")
          .set({ grade: '{"overall":3}' })
          .where("id", "=", "mg-2")
          .execute();
        await raw.db.schema.dropTable("stories").execute();
        await raw.db
          .deleteFrom("kysely_migration")
          .where("name", "in", ["0009_attempt_scores_and_leaderboard_index", "0010_stories"])
          .execute();
      } finally {
        await raw.close();
      }
      const upgraded = await factory.openSecond();
      expect((await upgraded.listAttemptSummaries("mg-u1")).map((s) => [s.id, s.score])).toEqual([
        ["mg-2", null],
        ["mg-1", { overall: g.overall, scores: scoresOf(g) }],
      ]);
      await upgraded.close();
    });
  });
}
