import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/cli/calibrate-command.js";
import { runCrossValidation, runRepeatedCrossValidation } from "../../src/cli/eval-command.js";
import { devEvalFile, trainingFiles } from "../../src/cli/labelled-files.js";
import { shippedContent } from "../../src/content-files.js";

/**
 * The real answers labelled by two people (../shared/eval/dev.jsonl, or STAR_DEV_EVAL) live outside the
 * project; vitest.config.ts runs this file only when they are here, and CI finds them (.ci/run).
 * Floors are on cross-validated figures, a little under what the grader reaches: a change that drops
 * below one is a regression. On this one file-order split a single answer moving between "thin" and
 * "clear" moves action QWK by up to .07, so its floors are looser than the shuffled splits' below.
 */
const FLOORS = {
  presenceF1: { situation: 0.94, task: 0.9, action: 0.94, result: 0.9 },
  kappa: { situation: 0.68, task: 0.62, action: 0.6, result: 0.69 },
  flagAccuracy: 0.9,
  meanSpearman: 0.86,
  farOff: 1,
};

/**
 * The same figures as means over shuffled splits (`eval --cv --repeat 5`): the file-order split above
 * flatters task and action by a few hundredths, so these floors sit under the means the grader reaches
 * on splits it was not tuned on.
 */
const REPEATED_FLOORS = {
  kappa: { situation: 0.68, task: 0.64, action: 0.66, result: 0.68 },
  worstKappa: 0.63,
  flagAccuracy: 0.91,
  meanSpearman: 0.89,
};

const devFile = devEvalFile(process.env);
if (!devFile) throw new Error("the labelled real answers are missing: set STAR_DEV_EVAL");
const read = (f: string) => readFileSync(f, "utf8");

describe("calibration on the real answers", () => {
  it("ships exactly what `star-coach calibrate` fits on the training files", () => {
    const shipped = shippedContent().calibration;
    const { calibration, errors } = calibrate(trainingFiles(process.env), read);
    expect(errors).toEqual([]);
    expect(shipped?.models).toEqual(calibration.models);
  });

  it("agrees with each labeller, held out, at least as well as the floors", () => {
    const { reports, errors } = runCrossValidation(read(devFile), devFile, {
      folds: 5,
      training: trainingFiles(process.env),
      readFile: read,
    });
    expect(errors).toEqual([]);
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      for (const c of report.criteria) {
        const part = c.criterion as keyof typeof FLOORS.kappa;
        expect(c.presence.f1, `${part} presence F1`).toBeGreaterThanOrEqual(FLOORS.presenceF1[part]);
        expect(c.kappa, `${part} QWK`).toBeGreaterThanOrEqual(FLOORS.kappa[part]);
      }
      for (const f of report.flags) expect(f.accuracy, f.flag).toBeGreaterThanOrEqual(FLOORS.flagAccuracy);
    }
    const mean = reports[0]?.meanOverall;
    expect(mean?.spearman).toBeGreaterThanOrEqual(FLOORS.meanSpearman);
    expect(mean?.farOff).toBeLessThanOrEqual(FLOORS.farOff);
  }, 120_000);

  it("holds its floors on average over shuffled splits, not only on the file-order one", () => {
    const { summary, errors } = runRepeatedCrossValidation(read(devFile), devFile, {
      folds: 5,
      repeat: 5,
      training: trainingFiles(process.env),
      readFile: read,
    });
    expect(errors).toEqual([]);
    expect(summary.labellers).toHaveLength(2);
    for (const labeller of summary.labellers) {
      for (const c of labeller.criteria) {
        const part = c.criterion as keyof typeof REPEATED_FLOORS.kappa;
        expect(c.kappa.mean, `${part} mean QWK`).toBeGreaterThanOrEqual(REPEATED_FLOORS.kappa[part]);
      }
      for (const f of labeller.flags)
        expect(f.accuracy.mean, f.flag).toBeGreaterThanOrEqual(REPEATED_FLOORS.flagAccuracy);
    }
    expect(summary.worstKappa.mean).toBeGreaterThanOrEqual(REPEATED_FLOORS.worstKappa);
    expect(summary.meanSpearman.mean).toBeGreaterThanOrEqual(REPEATED_FLOORS.meanSpearman);
  }, 120_000);
});
