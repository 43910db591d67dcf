import { describe, expect, it } from "vitest";
import { parseLabelledLine, toStarScale } from "../../src/core/eval/dataset.js";
import {
  exactAgreement,
  presence,
  quadraticKappa,
  spearman,
  withinOne,
} from "../../src/core/eval/metrics.js";

describe("eval metrics", () => {
  it("quadratic weighted kappa: 1 for perfect agreement, 0 for chance, negative for reversal", () => {
    expect(quadraticKappa([0, 1, 2, 3, 4], [0, 1, 2, 3, 4], 0, 4)).toBe(1);
    expect(quadraticKappa([0, 4, 0, 4], [4, 0, 4, 0], 0, 4)).toBeLessThan(0);
    // A worked example: two raters on 0-2.
    expect(quadraticKappa([0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 2], 0, 2)).toBeCloseTo(0.75, 6);
  });

  it("spearman with ties uses average ranks", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(0.8333333, 6);
  });

  it("presence precision, recall and F1 treat any score above 0 as present", () => {
    expect(presence([0, 1, 2, 0], [0, 3, 0, 1])).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(exactAgreement([1, 2, 3], [1, 2, 4])).toBeCloseTo(2 / 3);
    expect(withinOne([1, 2, 3], [1, 4, 4])).toBeCloseTo(2 / 3);
  });

  it("maps 0-4 scores to the shared 0-2 scale", () => {
    expect([0, 1, 2, 3, 4].map(toStarScale)).toEqual([0, 1, 1, 2, 2]);
  });

  it("reads both labelled formats and explains a bad line", () => {
    const ours = parseLabelledLine(
      JSON.stringify({
        id: "a",
        question: "Q?",
        answer: "A.",
        labels: {
          situation: 4,
          task: 3,
          action: 2,
          result: 1,
          data_evidence: 0,
          ownership: 4,
          hypothetical: false,
        },
        overall: 3,
      }),
      1,
    );
    expect(ours).toMatchObject({
      ok: true,
      item: { scale: "0-4", scores: { situation: 4, data_evidence: 0 } },
    });
    const shared = parseLabelledLine(
      JSON.stringify({
        id: "b",
        question: "Q?",
        answer: "A.",
        labels: { situation: 2, task: 1, action: 2, result: 0, quantified_result: false },
        overall: 2,
      }),
      2,
    );
    expect(shared).toMatchObject({ ok: true, item: { scale: "0-2", scores: { situation: 2, result: 0 } } });
    expect(parseLabelledLine("{nope", 3)).toEqual({ ok: false, line: 3, error: "not valid JSON" });
    expect(
      parseLabelledLine(
        JSON.stringify({ id: "c", question: "Q?", answer: "A.", labels: { situation: 7 }, overall: 9 }),
        4,
      ),
    ).toMatchObject({ ok: false, line: 4 });
  });
});
