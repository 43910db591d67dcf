import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LEADERBOARD_RULES,
  type LeaderboardRow,
  leaderboard,
  type PracticePoint,
} from "../../src/core/leaderboard/score.js";

const NOW = "2024-05-10T12:00:00Z";
const at = (day: string, time = "09:00:00") => `2024-${day}T${time}Z`;
const point = (userId: string, when: string, overall: number): PracticePoint => ({
  userId,
  at: when,
  overall,
});

describe("leaderboard", () => {
  it("ranks a steady improver over five days above a spammer with 30 perfect answers in one day", () => {
    const spammer = Array.from({ length: 30 }, (_, i) =>
      point("spammer", at("05-10", `0${Math.floor(i / 10)}:${String(i).padStart(2, "0")}:00`), 5),
    );
    const improver = [2, 3, 3, 4, 5].map((o, i) =>
      point("improver", at(`05-${String(6 + i).padStart(2, "0")}`), o),
    );
    const rows = leaderboard([...spammer, ...improver], { from: null, now: NOW });
    expect(rows).toEqual<LeaderboardRow[]>([
      // 5 × 10 practice + 2 × 17 quality + round(20 × (17/5 − 2)) = 28 improvement over the first answer
      // + 5 days × 5 streak
      { userId: "improver", points: 137, answers: 5, days: 5, average: 3.4, improvement: 28, streak: 5 },
      // only 5 of 30 count: 5 × 10 + 5 × 2 × 5 + no improvement + 1 day × 5
      { userId: "spammer", points: 105, answers: 5, days: 1, average: 5, improvement: 0, streak: 1 },
    ]);
  });

  it("measures improvement for a period against the answers before it", () => {
    const points = [
      ...["04-20", "04-22", "04-24", "04-26", "04-28", "04-30"].map((d) => point("ana", at(d), 2)),
      point("ana", at("05-07"), 3),
      point("ana", at("05-08"), 4),
      point("ana", at("05-09"), 4),
      point("bo", at("05-01"), 5), // before the period only: not listed
      point("cy", "2024-05-06T00:00:00Z", 4), // at `from`: counted
      point("cy", NOW, 5), // at now: ignored
      point("cy", at("05-11"), 5), // in the future: ignored
    ];
    expect(leaderboard(points, { from: "2024-05-06T00:00:00Z", now: NOW })).toEqual<LeaderboardRow[]>([
      // 30 practice + 22 quality + round(20 × (11/3 − 2)) = 33 + 3-day streak alive from yesterday × 5
      { userId: "ana", points: 100, answers: 3, days: 3, average: 3.7, improvement: 33, streak: 3 },
      // 10 + 8, baseline = its only answer, streak broken
      { userId: "cy", points: 18, answers: 1, days: 1, average: 4, improvement: 0, streak: 0 },
    ]);
  });

  it("caps the streak bonus at 7 days but reports the whole streak", () => {
    const points = Array.from({ length: 10 }, (_, i) =>
      point("dee", new Date(Date.parse(NOW) - i * 86_400_000 - 3_600_000).toISOString(), 3),
    );
    const [row] = leaderboard(points, { from: "2024-05-10T00:00:00Z", now: NOW });
    expect(row).toMatchObject({ answers: 1, streak: 10, improvement: 0, points: 10 + 6 + 7 * 5 });
  });

  it("breaks ties by user id and lists at most `limit` users, 10 by default", () => {
    const points = "lkjihgfedcba".split("").map((u) => point(u, at("05-10"), 3));
    const rows = leaderboard(points, { from: null, now: NOW });
    expect(rows.map((r) => r.userId)).toEqual("abcdefghij".split(""));
    expect(leaderboard(points, { from: null, now: NOW, limit: 2 }).map((r) => r.userId)).toEqual(["a", "b"]);
  });

  it("rejects dates that do not parse", () => {
    expect(() => leaderboard([], { from: "last week", now: NOW })).toThrow(RangeError);
  });
});

const NOW_MS = Date.parse(NOW);
const pointArb = fc.record({
  userId: fc.constantFrom("a", "b", "c", "d"),
  at: fc.integer({ min: -20 * 24, max: 2 }).map((h) => new Date(NOW_MS + h * 3_600_000).toISOString()),
  overall: fc.integer({ min: 1, max: 5 }),
});
const optionsArb = fc.record({
  from: fc.option(
    fc.integer({ min: 0, max: 15 }).map((d) => new Date(NOW_MS - d * 86_400_000).toISOString()),
  ),
  limit: fc.integer({ min: 1, max: 5 }),
});

describe("leaderboard properties", () => {
  it("gives non-negative points, sorted rows, and never counts more than the daily cap", () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 60 }), optionsArb, (points, { from, limit }) => {
        const rows = leaderboard(points, { from, now: NOW, limit });
        expect(rows.length).toBeLessThanOrEqual(limit);
        expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
        for (const r of rows) {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.improvement).toBeGreaterThanOrEqual(0);
          expect(r.answers).toBeLessThanOrEqual(LEADERBOARD_RULES.perDayCap * r.days);
          expect(r.days).toBeLessThanOrEqual(r.answers);
          const inPeriod = points.filter(
            (p) => p.userId === r.userId && p.at < NOW && (from === null || p.at >= from),
          );
          expect(r.answers).toBeLessThanOrEqual(inPeriod.length);
        }
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1] as LeaderboardRow, rows[i] as LeaderboardRow];
          const order = b.points - a.points || b.average - a.average || b.answers - a.answers;
          expect(order < 0 || (order === 0 && a.userId < b.userId)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives nothing for a sixth answer on the same day", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        (overalls, extra) => {
          const day = overalls.map((o, i) => point("a", at("05-09", `0${i}:00:00`), o));
          const before = leaderboard(day, { from: null, now: NOW });
          const after = leaderboard([...day, point("a", at("05-09", "23:00:00"), extra)], {
            from: null,
            now: NOW,
          });
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 100 },
    );
  });
});
