import { describe, expect, it } from "vitest";
import { crossValidatedGrades, shuffledOrder } from "../../src/core/eval/cross-validate.js";
import { spread } from "../../src/core/eval/repeated.js";

describe("shuffled splits for repeated cross-validation", () => {
  it("keeps the file order at seed 0 and shuffles every index exactly once otherwise", () => {
    expect(shuffledOrder(6, 0)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const seed of [1, 2, 7, 99]) {
      const order = shuffledOrder(55, seed);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 55 }, (_, i) => i));
      expect(shuffledOrder(55, seed)).toEqual(order);
    }
    expect(shuffledOrder(55, 1)).not.toEqual(shuffledOrder(55, 2));
  });

  it("grades every answer once, by models fitted without its fold", () => {
    const items = Array.from({ length: 9 }, (_, i) => ({ id: `a${i}` }));
    const seen: Array<{ fold: string; index: number }> = [];
    const grades = crossValidatedGrades(
      // No rows to fit: the fold's calibration still names the fold it left out.
      { items: items as never, features: [], weight: { parts: 1, flags: 1 } },
      [],
      3,
      (calibration, index) => {
        seen.push({ fold: calibration.id, index });
        return { id: index } as never;
      },
      5,
    );
    expect(grades.map((g) => (g as unknown as { id: number }).id)).toEqual(items.map((_, i) => i));
    expect(new Set(seen.map((s) => s.index)).size).toBe(9);
    // Three folds of three answers each, dealt from the shuffled order, not the file order.
    const byFold = new Map<string, number[]>();
    for (const s of seen) byFold.set(s.fold, [...(byFold.get(s.fold) ?? []), s.index]);
    expect([...byFold.values()].map((v) => v.length)).toEqual([3, 3, 3]);
    expect([...byFold.values()].some((v) => v.join() !== v.map((_, k) => (v[0] ?? 0) + k * 3).join())).toBe(
      true,
    );
  });

  it("summarises a figure as mean, sample SD and minimum, ignoring splits where it is undefined", () => {
    const s = spread([0.6, 0.7, 0.8, Number.NaN]);
    expect(s.mean).toBeCloseTo(0.7, 10);
    expect(s.sd).toBeCloseTo(0.1, 10);
    expect(s.min).toBe(0.6);
    expect(Number.isNaN(spread([]).mean)).toBe(true);
  });
});
