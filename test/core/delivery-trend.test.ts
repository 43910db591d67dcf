import { describe, expect, it } from "vitest";
import type { Delivery } from "../../src/core/delivery/schema.js";
import { deliveryTrend, deliveryTrendLines } from "../../src/core/delivery/trend.js";

const spoken = (wpm: number, fillers: number, seconds = 120): Delivery => ({
  duration_s: seconds,
  words: Math.round((wpm * seconds) / 60),
  words_per_minute: wpm,
  filler_count: fillers,
  fillers: fillers > 0 ? [{ word: "um", count: fillers }] : [],
  hedges: [],
  pauses_over_2s: null,
});

describe("delivery over time", () => {
  it("is nothing without spoken answers", () => {
    expect(deliveryTrend([])).toBeNull();
  });

  it("compares the first three spoken answers with the latest three once there are more", () => {
    const trend = deliveryTrend([
      spoken(110, 8),
      spoken(116, 6),
      spoken(120, 6),
      spoken(135, 2),
      spoken(140, 2),
      spoken(145, 2),
    ]);
    expect(trend).toMatchObject({
      answers: 6,
      first: { words_per_minute: 115.3, fillers_per_minute: 3.3 },
      latest: { words_per_minute: 140, fillers_per_minute: 1 },
    });
    expect(trend && deliveryTrendLines(trend)).toEqual([
      "6 spoken answers.",
      "Pace: 115 → 140 words a minute (easy to follow: 130–160).",
      "Fillers: 3.3 a minute → 1.0 a minute.",
      "Length: 120 s on average (aim for 90–150).",
    ]);
  });

  it("gives one figure each for a few answers, and says so when the length is unknown", () => {
    const trend = deliveryTrend([{ ...spoken(130, 0), duration_s: null, words_per_minute: null }]);
    expect(trend && deliveryTrendLines(trend)).toEqual([
      "1 spoken answer.",
      "Pace: not known (the recordings gave no length).",
      "Fillers: 1 answer without a length to count them against.",
    ]);
  });
});
