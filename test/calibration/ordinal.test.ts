import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classProbabilities,
  expectedClass,
  fitOrdinal,
  predictClass,
  type TrainingRow,
} from "../../src/core/calibration/ordinal.js";

/** A small deterministic generator, so the synthetic data is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Rows drawn from a known ordinal model: y = how many cut points the noisy score passes. */
function synthetic(n: number, weights: number[], cuts: number[], seed: number): TrainingRow[] {
  const rand = lcg(seed);
  return Array.from({ length: n }, () => {
    const x = weights.map(() => rand() * 4 - 2);
    const u = Math.min(Math.max(rand(), 1e-9), 1 - 1e-9);
    const noise = Math.log(u / (1 - u));
    const score = x.reduce((s, v, j) => s + v * (weights[j] as number), 0) + noise;
    return { x, y: cuts.filter((c) => score > c).length, weight: 1 };
  });
}

describe("ordinal logistic regression", () => {
  it("recovers the direction and size of known weights", () => {
    const rows = synthetic(1500, [2, -1, 0], [-1, 1], 7);
    const m = fitOrdinal(["a", "b", "c"], rows, { classes: 3, l2: 0.001 });
    const raw = m.weights.map((w, j) => w / (m.scale[j] as number));
    expect(raw[0]).toBeGreaterThan(1.5);
    expect(raw[0]).toBeLessThan(2.5);
    expect(raw[1]).toBeLessThan(-0.6);
    expect(Math.abs(raw[2] as number)).toBeLessThan(0.3);
    expect(m.thresholds[0]).toBeLessThan(m.thresholds[1] as number);
  });

  it("classifies held-out rows far better than the majority class", () => {
    const train = synthetic(800, [1.5, 1], [-1.5, 0, 1.5], 11);
    const test = synthetic(400, [1.5, 1], [-1.5, 0, 1.5], 12);
    const m = fitOrdinal(["a", "b"], train, { classes: 4, l2: 0.01 });
    const hits = test.filter((r) => predictClass(m, r.x) === r.y).length / test.length;
    const counts = [0, 1, 2, 3].map((k) => test.filter((r) => r.y === k).length);
    expect(hits).toBeGreaterThan(Math.max(...counts) / test.length + 0.15);
  });

  it("is plain logistic regression with two classes", () => {
    const rows = synthetic(600, [3], [0], 5);
    const m = fitOrdinal(["a"], rows, { classes: 2, l2: 0.001 });
    expect(classProbabilities(m, [2])[1]).toBeGreaterThan(0.9);
    expect(classProbabilities(m, [-2])[1]).toBeLessThan(0.1);
  });

  it("fits the same coefficients from the same rows", () => {
    const rows = synthetic(300, [1, 2], [0, 1], 3);
    const opts = { classes: 3, l2: 0.05 };
    expect(fitOrdinal(["a", "b"], rows, opts)).toEqual(fitOrdinal(["a", "b"], rows, opts));
  });

  it("shrinks weights toward zero as the penalty grows", () => {
    const rows = synthetic(300, [2], [0], 9);
    const loose = fitOrdinal(["a"], rows, { classes: 2, l2: 0.001 });
    const tight = fitOrdinal(["a"], rows, { classes: 2, l2: 5 });
    expect(Math.abs(tight.weights[0] as number)).toBeLessThan(Math.abs(loose.weights[0] as number) / 2);
  });

  it("gives probabilities that sum to one and an expected class that rises with the score", () => {
    const m = fitOrdinal(["a"], synthetic(400, [1.5], [-1, 1], 21), { classes: 3, l2: 0.01 });
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, d) => {
          const p = classProbabilities(m, [x]);
          expect(p.reduce((s, q) => s + q, 0)).toBeCloseTo(1, 9);
          for (const q of p) expect(q).toBeGreaterThanOrEqual(0);
          expect(expectedClass(m, [x + d])).toBeGreaterThanOrEqual(expectedClass(m, [x]) - 1e-9);
        },
      ),
    );
  });

  it("keeps a constant feature harmless", () => {
    const rows = synthetic(200, [1], [0], 2).map((r) => ({ ...r, x: [...r.x, 7] }));
    const m = fitOrdinal(["a", "const"], rows, { classes: 2, l2: 0.01 });
    expect(m.scale[1]).toBe(1);
    expect(Number.isFinite(m.weights[1])).toBe(true);
  });
});
