import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess as runBin } from "../helpers/in-process-cli.js";

const ownSet = readFileSync(join(import.meta.dirname, "..", "fixtures", "answers.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        question: string;
        answer: string;
        labels: Record<string, unknown>;
        overall: number;
      },
  );
const star = (v: unknown) => (v === 0 ? 0 : (v as number) <= 2 ? 1 : 2);

/** Our own answers rewritten in the shared two-labeller format, the second labeller a point harsher overall. */
function twoLabellerFile(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "star-cv-"));
  const lines = ownSet.slice(0, n).map((a) => {
    const labels = {
      situation: star(a.labels.situation),
      task: star(a.labels.task),
      action: star(a.labels.action),
      result: star(a.labels.result),
      hypothetical: a.labels.hypothetical,
    };
    return JSON.stringify({
      id: a.id,
      question: a.question,
      answer: a.answer,
      labels,
      overall: a.overall,
      second_labeller: { labels, overall: Math.max(1, a.overall - 1) },
    });
  });
  const file = join(dir, "two.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("star-coach eval --cv", () => {
  it("reports held-out agreement against each labeller and the labellers' mean", async () => {
    const file = twoLabellerFile(24);
    const run = await runBin(["eval", "--cv", "--folds", "3", file, "--json"], {
      env: { STAR_DEV_EVAL: join(tmpdir(), "no-such-dev-set.jsonl") },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout) as Array<{
      cross_validated: { folds: number };
      labellers: Array<{
        n: number;
        overall: { spearman: number };
        meanOverall: { spearman: number; farOff: number };
      }>;
    }>;
    expect(report?.cross_validated).toEqual({ folds: 3 });
    expect(report?.labellers).toHaveLength(2);
    expect(report?.labellers[0]?.n).toBe(24);
    expect(report?.labellers[0]?.meanOverall.spearman).toBeGreaterThan(0);
    const text = await runBin(["eval", "--cv", "--folds", "3", file]);
    expect(text.stdout).toMatch(/3-fold cross-validated\), labeller 1: 24 answers/);
    expect(text.stdout).toMatch(/labeller 2: 24 answers/);
    expect(text.stdout).toMatch(
      /overall against the labellers' mean: Spearman -?\d\.\d\d, \d+ of 24 answers two or more points away/,
    );
  }, 120_000);

  it("repeats the cross-validation over shuffled splits and reports each figure's spread", async () => {
    const file = twoLabellerFile(24);
    const run = await runBin(["eval", "--cv", "--folds", "3", "--repeat", "3", file, "--json"], {
      env: { STAR_DEV_EVAL: join(tmpdir(), "no-such-dev-set.jsonl") },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    type Spread = { mean: number; sd: number; min: number };
    const [report] = JSON.parse(run.stdout) as Array<{
      cross_validated: { folds: number; repeat: number };
      splits: number;
      labellers: Array<{ criteria: Array<{ criterion: string; kappa: Spread }> }>;
      worstKappa: Spread;
      meanSpearman: Spread;
    }>;
    expect(report?.cross_validated).toEqual({ folds: 3, repeat: 3 });
    expect(report?.splits).toBe(3);
    expect(report?.labellers).toHaveLength(2);
    const kappas = report?.labellers.flatMap((l) => l.criteria.map((c) => c.kappa)) ?? [];
    expect(kappas.map((k) => k.mean).every((m) => m >= -1 && m <= 1)).toBe(true);
    // The worst part of each split is no better than any part's mean.
    expect(report?.worstKappa.mean).toBeLessThanOrEqual(Math.min(...kappas.map((k) => k.mean)) + 1e-9);
    const text = await runBin(["eval", "--cv", "--folds", "3", "--repeat", "2", file]);
    expect(text.stdout).toMatch(/mean ± SD over 2 shuffled splits/);
    expect(text.stdout).toMatch(/QWK task\s+-?\d\.\d\d ± \d\.\d\d\s+-?\d\.\d\d ± \d\.\d\d/);
  }, 120_000);

  it("refuses options that cannot go together", async () => {
    const folds = await runBin(["eval", "--cv", "--folds", "1"]);
    expect(folds.code).toBe(2);
    expect(folds.stderr).toContain("--folds must be a whole number of 2 or more");
    const llm = await runBin(["eval", "--cv", "--grader", "llm"]);
    expect(llm.code).toBe(2);
    expect(llm.stderr).toContain("cannot be used with --grader llm");
    const alone = await runBin(["eval", "--repeat", "3"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--repeat goes with --cv");
    const many = await runBin(["eval", "--cv", "--repeat", "1000"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("--repeat must be a whole number from 1 to 100");
  });
});
