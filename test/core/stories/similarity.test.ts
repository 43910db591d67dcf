import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REUSE_THRESHOLD, storySimilarity } from "../../../src/core/stories/similarity.js";
import { LOCKOUT, PICK_PATH, PUMP_KAIZEN } from "./stories.js";

interface Pair {
  label: "same" | "different";
  competency: string;
  a: string;
  b: string;
}

const pairs: Pair[] = readFileSync(new URL("../../fixtures/story-pairs.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Pair);

describe("storySimilarity on the labelled pairs", () => {
  it("holds at least 20 retellings and 20 different stories of one competency", () => {
    expect(pairs.filter((p) => p.label === "same").length).toBeGreaterThanOrEqual(20);
    expect(pairs.filter((p) => p.label === "different").length).toBeGreaterThanOrEqual(20);
  });

  it("tells a retelling from another story at REUSE_THRESHOLD with accuracy of at least 0.9", () => {
    const right = pairs.filter((p) => storySimilarity(p.a, p.b) >= REUSE_THRESHOLD === (p.label === "same"));
    expect(right.length / pairs.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe("storySimilarity", () => {
  it("counts a figure however it is written", () => {
    const a = "Overtime cost us $60,000 and fell to 5%.";
    expect(storySimilarity(a, "Overtime cost us $60k and fell to 5 percent.")).toBe(1);
    expect(storySimilarity(a, "Overtime cost us $90,000 and fell to 7%.")).toBeLessThan(0.5);
  });

  it("scores a story against an unrelated one near 0", () => {
    expect(storySimilarity(PICK_PATH, LOCKOUT)).toBeLessThan(0.15);
    expect(storySimilarity(PUMP_KAIZEN, "")).toBe(0);
  });

  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc
      .array(
        fc.constantFrom("pick", "path", "SKUs", "$60k", "84%", "the", "we", "14 days", "forty", ".", "\n"),
        {
          maxLength: 40,
        },
      )
      .map((w) => w.join(" ")),
  );

  it("is symmetric and between 0 and 1", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = storySimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(storySimilarity(b, a)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it("is 1 for the same text", () => {
    fc.assert(
      fc.property(text, (a) => {
        expect(storySimilarity(a, a)).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

/** The cut between two sorted scores that gets the most pairs right, and that accuracy. */
function bestCut(scored: readonly { s: number; same: boolean }[]): { cut: number; accuracy: number } {
  const values = [...new Set(scored.map((p) => p.s))].sort((a, b) => a - b);
  let best = { cut: 0, accuracy: -1 };
  for (let i = 0; i + 1 < values.length; i++) {
    const cut = ((values[i] as number) + (values[i + 1] as number)) / 2;
    const accuracy = scored.filter((p) => p.s >= cut === p.same).length / scored.length;
    if (accuracy > best.accuracy) best = { cut, accuracy };
  }
  return best;
}

describe("REUSE_THRESHOLD, as measured", () => {
  const scored = pairs.map((p) => ({ s: storySimilarity(p.a, p.b), same: p.label === "same" }));

  it("gets as many pairs right as the best cut does", () => {
    const accuracy = scored.filter((p) => p.s >= REUSE_THRESHOLD === p.same).length / scored.length;
    expect(accuracy).toBe(bestCut(scored).accuracy);
  });

  it("holds up leave-one-out: a cut fitted without each pair still labels it right 90% of the time", () => {
    const right = scored.filter((p, i) => {
      const { cut } = bestCut(scored.filter((_, j) => j !== i));
      return p.s >= cut === p.same;
    });
    expect(right.length / scored.length).toBeGreaterThanOrEqual(0.9);
  });
});
