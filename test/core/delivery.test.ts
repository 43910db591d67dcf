import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { deliveryFeedback, deliveryFigures, spokenSeconds } from "../../src/core/delivery/delivery.js";

const { lexicon } = shippedContent();
const figures = (transcript: string, durationSec: number | null = null, segments = null) =>
  deliveryFigures({ transcript, segments, durationSec }, lexicon);
const fillersOf = (transcript: string) => figures(transcript).fillers;

describe("deliveryFigures: fillers", () => {
  it("counts um, uh, er, you know, sort of, kind of, basically", () => {
    const d = figures(
      "Um, so we had, uh, a backlog. Er, basically I, you know, sort of owned it and kind of fixed it. Um.",
    );
    expect(d.fillers).toEqual([
      { word: "um", count: 2 },
      { word: "uh", count: 1 },
      { word: "er", count: 1 },
      { word: "basically", count: 1 },
      { word: "you know", count: 1 },
      { word: "sort of", count: 1 },
      { word: "kind of", count: 1 },
    ]);
    expect(d.filler_count).toBe(8);
  });

  it.each([
    ["I'd like to tell you about the pick-rate project.", 0],
    ["It looks like the scanner was the bottleneck.", 0],
    ["A tool like the WMS report showed it.", 0],
    ["We like the new layout, and I like how it reads.", 0],
    ["It felt like a week, but something like 40 orders were late.", 0],
    ["It was like the old process, only faster.", 0],
    ["Like I said, the lines were long.", 0],
    ["Things like this take time.", 0],
    ["So, like, we had no plan.", 1],
    ["It was like, a mess every morning.", 1],
    ["We had like 40 late orders a week, like, every week.", 2],
    ["There were like a hundred pallets.", 1],
    ["And like um the team was tired.", 1],
    ["I, like, just started moving people.", 1],
  ])('counts "like" only as a filler: %s → %i', (text, n) => {
    expect(fillersOf(text).find((f) => f.word === "like")?.count ?? 0).toBe(n);
  });

  it('leaves "what kind of", "this sort of" and "if you know" alone', () => {
    expect(
      fillersOf("What kind of report? This sort of thing. If you know the SKU, do you know the bin?"),
    ).toEqual([]);
    expect(fillersOf("It was kind of slow, you know.")).toEqual([
      { word: "kind of", count: 1 },
      { word: "you know", count: 1 },
    ]);
  });

  it("does not count a phrase broken by a pause, nor a word inside another word", () => {
    expect(fillersOf("Thank you, know-how matters. The umbrella policy. Basically, yes.")).toEqual([
      { word: "basically", count: 1 },
    ]);
  });
});

describe("deliveryFigures: pace, length, hedges, pauses", () => {
  it("takes words a minute from the real duration, and is null without one", () => {
    const text = Array.from({ length: 300 }, () => "word").join(" ");
    expect(figures(text, 120)).toMatchObject({ duration_s: 120, words: 300, words_per_minute: 150 });
    expect(figures(text, null)).toMatchObject({ duration_s: null, words_per_minute: null });
    expect(figures(text, 0)).toMatchObject({ duration_s: null, words_per_minute: null });
    expect(figures(text, Number.NaN)).toMatchObject({ duration_s: null, words_per_minute: null });
  });

  it("lists hedges once each, in order, without the ones counted as fillers", () => {
    expect(figures("I think we probably saved time, I think. It was sort of better, maybe.").hedges).toEqual([
      "i think",
      "probably",
      "maybe",
    ]);
  });

  it("counts gaps over 2 s between segments, and null without segments", () => {
    const segments = [
      { start: 1.5, end: 4, text: "a" },
      { start: 6.5, end: 9, text: "b" }, // 2.5 s gap
      { start: 10, end: 12, text: "c" }, // 1 s
      { start: 14.01, end: 15, text: "d" }, // 2.01 s
    ];
    expect(
      deliveryFigures({ transcript: "a b c d", segments, durationSec: 15 }, lexicon).pauses_over_2s,
    ).toBe(2);
    expect(deliveryFigures({ transcript: "a", segments: [], durationSec: 15 }, lexicon).pauses_over_2s).toBe(
      0,
    );
    expect(figures("a b c d", 15).pauses_over_2s).toBeNull();
  });

  it("falls back to where the last segment ends when the file gave no duration", () => {
    expect(spokenSeconds(null, [{ start: 0, end: 95.5, text: "x" }])).toBe(95.5);
    expect(spokenSeconds(80, [{ start: 0, end: 95.5, text: "x" }])).toBe(80);
    expect(spokenSeconds(null, null)).toBeNull();
  });
});

describe("deliveryFeedback", () => {
  it("says length, pace, fillers with their rate, hedges and long pauses", () => {
    const d = deliveryFigures(
      {
        transcript: `Um, at my last job late orders were, like, 40 a week. I think I mapped the pick path. ${"We moved stock. ".repeat(60)}Um, we cut it to 12, basically.`,
        segments: [
          { start: 0, end: 30, text: "…" },
          { start: 33, end: 70, text: "…" },
        ],
        durationSec: 70,
      },
      lexicon,
    );
    expect(deliveryFeedback(d)).toMatchInlineSnapshot(`
      [
        "Length 1:10 (70 s): short of the 90–150 s a STAR answer needs; say what you did and what changed, with figures.",
        "Pace 177 words a minute: fast; 130–160 is easy to follow. Slow down and pause before each figure.",
        "Fillers: 4 (3.4 a minute): "um" ×2, "like" ×1, "basically" ×1; a silent pause sounds surer than a filler.",
        "Hedges: "I think"; they weaken a result: say what happened, with the figure.",
        "1 pause over 2 s: note your three or four points before you start, so the story flows.",
      ]
    `);
  });

  it("says the good news briefly, and nothing about what it does not know", () => {
    const d = figures(`${"We moved stock to the front. ".repeat(50)}`, 120);
    expect(deliveryFeedback(d)).toMatchInlineSnapshot(`
      [
        "Length 2:00 (120 s): within the 90–150 s target.",
        "Pace 150 words a minute: easy to follow.",
        "Fillers: none.",
      ]
    `);
    expect(deliveryFeedback(figures("We moved stock."))).toEqual(["Fillers: none."]);
  });
});
