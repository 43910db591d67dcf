import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streaks } from "../../src/core/leaderboard/streaks.js";

const NOW = "2024-05-10T12:00:00Z";
/** Noon UTC, `n` days before NOW. */
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

describe("streaks", () => {
  it.each([
    ["no practice", [], { current: 0, longest: 0, daysLast30: 0, today: false }],
    ["today and the two days before", [0, 1, 2], { current: 3, longest: 3, daysLast30: 3, today: true }],
    [
      "not yet today: the streak up to yesterday is alive",
      [1, 2],
      { current: 2, longest: 2, daysLast30: 2, today: false },
    ],
    ["last practised two days ago: broken", [2, 3], { current: 0, longest: 2, daysLast30: 2, today: false }],
    [
      "a longer run a month ago",
      [0, 1, 40, 41, 42, 43],
      { current: 2, longest: 4, daysLast30: 2, today: true },
    ],
    [
      "30 days back is outside the 30 days",
      [29, 30],
      { current: 0, longest: 2, daysLast30: 1, today: false },
    ],
  ])("%s", (_, ago, expected) => {
    expect(streaks(ago.map(daysAgo), NOW)).toEqual(expected);
  });

  it("counts UTC days, once each, in any order", () => {
    const timestamps = [
      "2024-05-10T00:00:00Z",
      "2024-05-09T23:59:59Z",
      "2024-05-10T01:30:00+02:00", // 23:30 UTC on the 9th
      "2024-05-08T08:00:00Z",
      "2024-05-10T09:00:00Z",
    ];
    expect(streaks(timestamps, NOW)).toEqual({ current: 3, longest: 3, daysLast30: 3, today: true });
  });

  it("ignores answers after now and timestamps that do not parse", () => {
    expect(streaks(["2024-05-10T12:00:01Z", "2024-05-11T08:00:00Z", "yesterday"], NOW)).toEqual({
      current: 0,
      longest: 0,
      daysLast30: 0,
      today: false,
    });
    expect(streaks([NOW], NOW).today).toBe(true);
  });

  it("rejects a now that is not a date", () => {
    expect(() => streaks([], "soon")).toThrow(RangeError);
  });

  it("keeps current ≤ longest ≤ days practised, whatever the order or repeats", () => {
    const ago = fc.array(fc.integer({ min: -3, max: 60 }), { maxLength: 40 });
    fc.assert(
      fc.property(ago, (days) => {
        const timestamps = days.map(daysAgo);
        const s = streaks(timestamps, NOW);
        const practised = new Set(days.filter((d) => d >= 0)).size;
        expect(s.current).toBeLessThanOrEqual(s.longest);
        expect(s.longest).toBeLessThanOrEqual(practised);
        expect(s.daysLast30).toBeLessThanOrEqual(Math.min(30, practised));
        if (s.today) expect(s.current).toBeGreaterThanOrEqual(1);
        expect(streaks([...timestamps].reverse().concat(timestamps), NOW)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});
