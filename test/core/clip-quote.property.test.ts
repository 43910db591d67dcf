import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipQuote } from "../../src/core/grading/clip-quote.js";

const words = fc.array(
  fc.oneof(
    fc.constantFrom(
      "we",
      "the",
      "line",
      "scrap",
      "went",
      "from",
      "to",
      "and",
      "orders",
      "late",
      "shift",
      "fell",
    ),
    fc.constantFrom("41", "$9,000", "96%", "forty", "a", "third", "twice", "12.5"),
  ),
  { minLength: 1, maxLength: 80 },
);
const DIGIT_OR_WORD = /\d|forty|third|twice/;

describe("clipQuote", () => {
  it("returns a quote that fits as it is", () => {
    expect(clipQuote("Scrap fell from 9% to 3%.", 160)).toBe("Scrap fell from 9% to 3%.");
  });

  it("never ends just before the figure that matters", () => {
    const long =
      "After all of those changes, which took quite a while to settle in with both crews on the day and night shifts and the weekend team, throughput on the folder-gluer went from 9,000 to 11,500 boxes per shift.";
    const q = clipQuote(long, 120);
    expect(q).toMatch(/9,000 to 11,500/);
    expect(q.startsWith("...")).toBe(true);
  });

  it("fits its bound, keeps a figure when the text has one, and quotes only the text's own words", () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 20, max: 200 }), (ws, max) => {
        const text = ws.join(" ");
        const q = clipQuote(text, max);
        expect(q.length).toBeLessThanOrEqual(max);
        for (const part of q.split("...").filter((p) => p.length > 0)) expect(text).toContain(part);
        if (text.length > max && DIGIT_OR_WORD.test(text)) expect(q).toMatch(DIGIT_OR_WORD);
      }),
    );
  });
});
