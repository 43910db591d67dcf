import { CRITERIA, type CriterionId } from "../criteria.js";
import { FLAG_NAMES, type FlagName, type Grade } from "../grading/types.js";
import type { LabelledAnswer } from "./dataset.js";
import { toStarScale } from "./dataset.js";
import {
  exactAgreement,
  type PresenceStats,
  presence,
  quadraticKappa,
  spearman,
  withinOne,
} from "./metrics.js";

export interface CriterionReport {
  criterion: CriterionId;
  n: number;
  exact: number;
  withinOne: number;
  kappa: number;
  presence: PresenceStats;
}

export interface EvalReport {
  n: number;
  scale: "0-4" | "0-2" | "mixed";
  criteria: CriterionReport[];
  flags: Array<{ flag: FlagName; n: number; accuracy: number }>;
  overall: { n: number; spearman: number; exact: number; withinOne: number };
  /** Against the mean of every labeller's overall: Spearman, and answers two or more points away. */
  meanOverall: { spearman: number; farOff: number };
  /** The STAR parts together (situation, task, action, result): presence F1 over all four. */
  starPresenceF1: number;
}

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** How many labellers the set has: the most any answer carries. */
export function raterCount(items: readonly LabelledAnswer[]): number {
  return items.reduce((n, i) => Math.max(n, i.ratings.length), 0);
}

/**
 * Compares grades with one labeller's labels (the first by default), on the labels' own scale; answers
 * that labeller did not label are left out.
 */
export function evaluate(all: readonly LabelledAnswer[], allGrades: readonly Grade[], rater = 0): EvalReport {
  const kept = all.flatMap((item, i) => {
    const r = item.ratings[rater];
    const g = allGrades[i];
    return r && g ? [{ item: { ...item, ...r }, grade: g }] : [];
  });
  const items = kept.map((k) => k.item);
  const grades = kept.map((k) => k.grade);
  const scales = new Set(items.map((i) => i.scale));
  const criteria: CriterionReport[] = [];
  const starLabels: number[] = [];
  const starPredicted: number[] = [];
  for (const c of CRITERIA) {
    const labels: number[] = [];
    const predicted: number[] = [];
    items.forEach((item, i) => {
      const label = item.scores[c];
      const grade = grades[i];
      if (label === undefined || !grade) return;
      const p = grade.criteria[c].score;
      labels.push(label);
      predicted.push(item.scale === "0-2" ? toStarScale(p) : p);
    });
    if (labels.length === 0) continue;
    const max = items.some((i) => i.scale === "0-4" && i.scores[c] !== undefined) ? 4 : 2;
    if (c === "situation" || c === "task" || c === "action" || c === "result") {
      starLabels.push(...labels);
      starPredicted.push(...predicted);
    }
    criteria.push({
      criterion: c,
      n: labels.length,
      exact: exactAgreement(labels, predicted),
      withinOne: withinOne(labels, predicted),
      kappa: quadraticKappa(labels, predicted, 0, max),
      presence: presence(labels, predicted),
    });
  }
  const flags = FLAG_NAMES.map((flag) => {
    const pairs = items
      .map((item, i) => [item.flags[flag], grades[i]?.flags[flag]] as const)
      .filter((p): p is readonly [boolean, boolean] => p[0] !== undefined && p[1] !== undefined);
    return {
      flag,
      n: pairs.length,
      accuracy: pairs.length ? pairs.filter(([a, b]) => a === b).length / pairs.length : Number.NaN,
    };
  });
  const labelsOverall = items.map((i) => i.overall);
  const predictedOverall = grades.map((g) => g.overall);
  const means = items.map((i) => meanOf(i.ratings.map((r) => r.overall)));
  return {
    n: items.length,
    scale: scales.size === 1 ? ([...scales][0] ?? "0-4") : "mixed",
    criteria,
    flags,
    overall: {
      n: items.length,
      spearman: spearman(labelsOverall, predictedOverall),
      exact: exactAgreement(labelsOverall, predictedOverall),
      withinOne: withinOne(labelsOverall, predictedOverall),
    },
    meanOverall: {
      spearman: spearman(means, predictedOverall),
      farOff: means.filter((m, i) => Math.abs(m - (predictedOverall[i] as number)) >= 2).length,
    },
    starPresenceF1: presence(starLabels, starPredicted).f1,
  };
}
