import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { deliveryFeedback, deliveryFigures } from "../../src/core/delivery/delivery.js";
import { DeliverySchema } from "../../src/core/delivery/schema.js";

const { lexicon } = shippedContent();

/** Transcripts made of the words that matter (fillers, "like" and its neighbours), punctuation and noise. */
const word = fc.constantFrom(
  "um",
  "uh",
  "er",
  "like",
  "you",
  "know",
  "kind",
  "sort",
  "of",
  "basically",
  "i'd",
  "looks",
  "the",
  "a",
  "40",
  "we",
  "cut",
  "i",
  "think",
  "maybe",
  ",",
  ".",
  "—",
  "...",
  "-",
  "\u0000",
  "é",
  "😀",
  "  ",
  "\n",
);
const transcript = fc.oneof(
  fc.array(word, { maxLength: 60 }).map((w) => w.join(" ")),
  fc.string({ maxLength: 200 }),
);
const seconds = fc.oneof(
  fc.constant(null),
  fc.double({ noNaN: false }),
  fc.double({ min: 0.1, max: 3600, noNaN: true }),
);
const segment = fc.record({ start: fc.double(), end: fc.double(), text: fc.string({ maxLength: 10 }) });
const segments = fc.oneof(fc.constant(null), fc.array(segment, { maxLength: 12 }));

describe("deliveryFigures (property)", () => {
  it("never throws; counts stay within the words; wpm is null exactly when the duration is", () => {
    fc.assert(
      fc.property(transcript, segments, seconds, (text, segs, durationSec) => {
        const d = deliveryFigures({ transcript: text, segments: segs, durationSec }, lexicon);
        expect(DeliverySchema.safeParse(d).success).toBe(true);
        expect(d.filler_count).toBeLessThanOrEqual(d.words);
        expect(d.fillers.reduce((n, f) => n + f.count, 0)).toBe(d.filler_count);
        expect(d.hedges.length).toBeLessThanOrEqual(d.words);
        expect(d.words_per_minute === null).toBe(d.duration_s === null);
        const known = typeof durationSec === "number" && durationSec >= 0.5 && durationSec <= 86_400;
        expect(d.duration_s === null).toBe(!known);
        expect(d.pauses_over_2s === null).toBe(segs === null);
        if (segs !== null) expect(d.pauses_over_2s).toBeLessThanOrEqual(Math.max(0, segs.length - 1));
        expect(() => deliveryFeedback(d)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
