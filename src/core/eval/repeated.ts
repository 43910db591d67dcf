import type { EvalReport } from "./evaluate.js";

/** Mean and standard deviation of one figure over repeated cross-validation splits. */
export interface Spread {
  mean: number;
  sd: number;
  min: number;
}

export interface LabellerSpread {
  criteria: Array<{ criterion: string; kappa: Spread; presenceF1: Spread }>;
  flags: Array<{ flag: string; accuracy: Spread }>;
}

/** What repeated k-fold cross-validation shows: every figure's spread over the shuffled splits. */
export interface RepeatedSummary {
  splits: number;
  labellers: LabellerSpread[];
  meanSpearman: Spread;
  farOff: Spread;
  /** The lowest STAR-part QWK (any part, any labeller) within each split. */
  worstKappa: Spread;
}

export function spread(xs: readonly number[]): Spread {
  const ok = xs.filter((x) => !Number.isNaN(x));
  if (ok.length === 0) return { mean: Number.NaN, sd: Number.NaN, min: Number.NaN };
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const sd = ok.length > 1 ? Math.sqrt(ok.reduce((a, x) => a + (x - mean) ** 2, 0) / (ok.length - 1)) : 0;
  return { mean, sd, min: Math.min(...ok) };
}

/** Summarises the reports of repeated splits; `runs[s][r]` is split s's report against labeller r. */
export function summarizeRepeated(runs: readonly (readonly EvalReport[])[]): RepeatedSummary {
  const first = runs[0] ?? [];
  const labellers = first.map((report, r) => ({
    criteria: report.criteria.map((c, k) => ({
      criterion: c.criterion,
      kappa: spread(runs.map((run) => run[r]?.criteria[k]?.kappa ?? Number.NaN)),
      presenceF1: spread(runs.map((run) => run[r]?.criteria[k]?.presence.f1 ?? Number.NaN)),
    })),
    flags: report.flags
      .filter((f) => f.n > 0)
      .map((f) => ({
        flag: f.flag,
        accuracy: spread(
          runs.map((run) => run[r]?.flags.find((x) => x.flag === f.flag)?.accuracy ?? Number.NaN),
        ),
      })),
  }));
  const worst = runs.map((run) =>
    Math.min(...run.flatMap((report) => report.criteria.map((c) => c.kappa).filter((k) => !Number.isNaN(k)))),
  );
  return {
    splits: runs.length,
    labellers,
    meanSpearman: spread(runs.map((run) => run[0]?.meanOverall.spearman ?? Number.NaN)),
    farOff: spread(runs.map((run) => run[0]?.meanOverall.farOff ?? Number.NaN)),
    worstKappa: spread(worst),
  };
}
