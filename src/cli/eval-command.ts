import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { shippedContent } from "../content-files.js";
import type { Content } from "../core/content/load.js";
import { crossValidatedGrades } from "../core/eval/cross-validate.js";
import type { LabelledAnswer } from "../core/eval/dataset.js";
import { type EvalReport, evaluate, raterCount } from "../core/eval/evaluate.js";
import { type RepeatedSummary, type Spread, summarizeRepeated } from "../core/eval/repeated.js";
import { gradeAnswer, gradeWithEvidence } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { Grader } from "../llm/select.js";
import type { Command } from "./command.js";
import { GRADER_HELP, GRADER_USAGE, graderFromOption, LLM_CONCURRENCY } from "./grader-option.js";
import { inOrder } from "./in-order.js";
import { type CliIO, painter, UsageError } from "./io.js";
import {
  inputOf,
  labelledSet,
  OWN_LABELLED_FILE,
  parseLabelled,
  trainingFiles,
  weightOf,
} from "./labelled-files.js";
import { readTextInput } from "./read-input.js";

export const DEFAULT_EVAL_FILE = OWN_LABELLED_FILE;
export const DEFAULT_FOLDS = 5;
/** Each split refits every model: a hundred splits of 55 answers take about a minute and a half. */
const MAX_REPEAT = 100;

const pct = (x: number) => (Number.isNaN(x) ? "  -  " : x.toFixed(2).padStart(5));

export function formatReport(report: EvalReport, title: string): string {
  const lines = [
    `${title}: ${report.n} answers, labels on a ${report.scale} scale`,
    "",
    "criterion       n  exact  ±1    QWK    P     R     F1",
    ...report.criteria.map(
      (c) =>
        `${c.criterion.padEnd(14)}${String(c.n).padStart(3)}  ${pct(c.exact)} ${pct(c.withinOne)} ${pct(c.kappa)} ${pct(c.presence.precision)} ${pct(c.presence.recall)} ${pct(c.presence.f1)}`,
    ),
    "",
    `STAR presence F1 (S, T, A, R together): ${pct(report.starPresenceF1).trim()}`,
    "",
    "flag                     n  accuracy",
    ...report.flags
      .filter((f) => f.n > 0)
      .map((f) => `${f.flag.padEnd(23)}${String(f.n).padStart(3)}  ${pct(f.accuracy)}`),
    "",
    `overall: Spearman ${pct(report.overall.spearman).trim()}, exact ${pct(report.overall.exact).trim()}, within one ${pct(report.overall.withinOne).trim()}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** One report per labeller, and the overall against the labellers' mean. */
export interface EvalResult {
  reports: EvalReport[];
  errors: string[];
  fallbacks: number;
}

function reportsFor(items: readonly LabelledAnswer[], grades: readonly Grade[]): EvalReport[] {
  return Array.from({ length: raterCount(items) }, (_, r) => evaluate(items, grades, r));
}

/** Grades every labelled answer offline and compares with the first labeller. Bad lines are reported and skipped. */
export function runEval(text: string): { report: EvalReport; errors: string[] } {
  const content = shippedContent();
  const { items, errors } = parseLabelled(text);
  const grades = items.map((item) => gradeAnswer(inputOf(item, content), content));
  return { report: evaluate(items, grades), errors };
}

interface CrossValidationOptions {
  folds: number;
  training: readonly string[];
  readFile: (f: string) => string;
  content?: Content;
}

/** The labelled file's answers with their features, and the other training files: read once, split many times. */
function prepare(text: string, file: string, opts: CrossValidationOptions) {
  const content = opts.content ?? shippedContent();
  const { items, errors } = parseLabelled(text);
  const extra = opts.training
    .filter((f) => resolve(f) !== resolve(file))
    .map((f) => labelledSet(parseLabelled(opts.readFile(f)).items, content, weightOf(f)));
  const target = labelledSet(items, content, weightOf(file));
  const reportsOf = (folds: number, seed: number) =>
    reportsFor(
      items,
      crossValidatedGrades(
        target,
        extra,
        Math.min(folds, items.length),
        (calibration, i) =>
          gradeWithEvidence(inputOf(items[i] as LabelledAnswer, content), { ...content, calibration }).grade,
        seed,
      ),
    );
  return { items, errors, reportsOf };
}

/**
 * k-fold cross-validation of the calibrated offline grader on one labelled file: each fold is graded by
 * models fitted on the other folds and on the other training files, never on itself. Folds are dealt
 * in file order.
 */
export function runCrossValidation(text: string, file: string, opts: CrossValidationOptions): EvalResult {
  const { errors, reportsOf } = prepare(text, file, opts);
  return { reports: reportsOf(opts.folds, 0), errors, fallbacks: 0 };
}

/**
 * The same over `repeat` shuffled splits (seeds 1 … repeat): one split's figures can flatter or
 * wrong the grader by several hundredths on 55 answers; the spread says how much.
 */
export function runRepeatedCrossValidation(
  text: string,
  file: string,
  opts: CrossValidationOptions & { repeat: number },
): { summary: RepeatedSummary; n: number; errors: string[] } {
  const { items, errors, reportsOf } = prepare(text, file, opts);
  const runs = Array.from({ length: opts.repeat }, (_, k) => reportsOf(opts.folds, k + 1));
  return { summary: summarizeRepeated(runs), n: items.length, errors };
}

/**
 * The same with any grader; an LLM grader grades a few answers at a time, and `fallbacks` counts the
 * answers it had to leave to the offline grader.
 */
export async function runEvalWith(text: string, grader: Grader): Promise<EvalResult> {
  const content = shippedContent();
  const { items, errors } = parseLabelled(text);
  const limit = grader.kind === "llm" ? LLM_CONCURRENCY : 1;
  const grades = [];
  for await (const grade of inOrder(items, limit, (item) => grader.grade(inputOf(item, content))))
    grades.push(grade);
  const fallbacks = grades.filter((g) => g.fallback).length;
  return { reports: reportsFor(items, grades), errors, fallbacks };
}

const spreadText = (x: Spread) =>
  Number.isNaN(x.mean) ? "      -      " : `${x.mean.toFixed(2)} ± ${x.sd.toFixed(2)}`;

export function formatRepeated(summary: RepeatedSummary, title: string): string {
  const heads = summary.labellers.map((_, r) => `labeller ${r + 1}`.padEnd(14)).join("  ");
  const rows = (summary.labellers[0]?.criteria ?? []).flatMap((c, k) => [
    `${`QWK ${c.criterion}`.padEnd(26)}${summary.labellers.map((l) => spreadText(l.criteria[k]?.kappa ?? c.kappa).padEnd(14)).join("  ")}`,
    `${`presence F1 ${c.criterion}`.padEnd(26)}${summary.labellers.map((l) => spreadText(l.criteria[k]?.presenceF1 ?? c.presenceF1).padEnd(14)).join("  ")}`,
  ]);
  const flags = (summary.labellers[0]?.flags ?? []).map(
    (f, k) =>
      `${f.flag.padEnd(26)}${summary.labellers.map((l) => spreadText(l.flags[k]?.accuracy ?? f.accuracy).padEnd(14)).join("  ")}`,
  );
  const lines = [
    `${title}: mean ± SD over ${summary.splits} shuffled splits`,
    "",
    `${"".padEnd(26)}${heads}`,
    ...rows,
    "",
    `${"flag accuracy".padEnd(26)}${heads}`,
    ...flags,
    "",
    `lowest STAR-part QWK in a split: ${spreadText(summary.worstKappa)} (lowest of all splits ${summary.worstKappa.min.toFixed(2)})`,
    `overall against the labellers' mean: Spearman ${spreadText(summary.meanSpearman)}, answers two or more points away ${spreadText(summary.farOff)}`,
  ];
  return `${lines.join("\n")}\n`;
}

function formatResult(result: EvalResult, title: string): string {
  const { reports } = result;
  const many = reports.length > 1;
  const parts = reports.map((r, i) => formatReport(r, many ? `${title}, labeller ${i + 1}` : title));
  const first = reports[0];
  if (many && first)
    parts.push(
      `overall against the labellers' mean: Spearman ${pct(first.meanOverall.spearman).trim()}, ${first.meanOverall.farOff} of ${first.n} answers two or more points away\n`,
    );
  return parts.join("\n");
}

export const evalCommand: Command = {
  name: "eval",
  summary: "Measure the grader against hand-labelled answers (agreement, kappa, F1, Spearman)",
  usage: `star-coach eval [FILE ...] [--cv [--folds N] [--repeat N]] [--json] [${GRADER_USAGE}]
  FILE: JSONL of labelled answers, criteria 0-4 (our format) or STAR parts 0-2 (the shared format,
  with an optional second labeller); default: test/fixtures/answers.jsonl. "-" reads standard input.
  Every labeller is compared separately, and the overall also against the labellers' mean.
  --cv: k-fold cross-validation of the calibrated offline grader (default ${DEFAULT_FOLDS} folds): each fold
  is graded by models fitted without it (on the other folds and the other training files), so the
  figures are held-out ones. Folds are dealt in file order.
  --repeat N: the cross-validation over N shuffled splits instead, each figure as mean ± SD: how much
  one split flatters or wrongs the grader.
  ${GRADER_HELP}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        grader: { type: "string" },
        cv: { type: "boolean" },
        folds: { type: "string" },
        repeat: { type: "string" },
      },
    });
    const folds = values.folds === undefined ? DEFAULT_FOLDS : Number(values.folds);
    if (!Number.isInteger(folds) || folds < 2)
      throw new UsageError("--folds must be a whole number of 2 or more");
    if (values.folds !== undefined && !values.cv) throw new UsageError("--folds goes with --cv");
    const repeat = values.repeat === undefined ? 0 : Number(values.repeat);
    if (!Number.isInteger(repeat) || repeat < 0 || repeat > MAX_REPEAT)
      throw new UsageError(`--repeat must be a whole number from 1 to ${MAX_REPEAT}`);
    if (values.repeat !== undefined && !values.cv) throw new UsageError("--repeat goes with --cv");
    if (values.cv && values.grader !== undefined && values.grader !== "offline")
      throw new UsageError("--cv fits the offline grader's calibration; it cannot be used with --grader llm");
    const content = shippedContent();
    const grader = values.cv ? null : graderFromOption(values.grader, content, io);
    const files = positionals.length > 0 ? positionals : [DEFAULT_EVAL_FILE];
    const paint = painter(io.stdout, io.env);
    if (repeat > 0)
      return repeatedRun(files, { folds, repeat, json: values.json === true, content }, io, paint);
    const results = [];
    for (const file of files) {
      // A file that cannot be read is an InputFileError: one line saying why, exit 1 (cli/main.ts).
      const text = await readTextInput(file, io.stdin);
      const result = grader
        ? await runEvalWith(text, grader)
        : runCrossValidation(text, file, {
            folds,
            training: trainingFiles(io.env),
            readFile: (f) => readFileSync(f, "utf8"),
            content,
          });
      for (const e of result.errors) io.stderr.write(`${file}: ${e}\n`);
      if ((result.reports[0]?.n ?? 0) === 0) throw new UsageError(`${file} holds no labelled answers`);
      results.push({ file, ...result });
    }
    const kind = grader ? `${grader.kind} grader` : `offline grader, ${folds}-fold cross-validated`;
    if (values.json)
      io.stdout.write(
        `${JSON.stringify(
          results.map(({ file, reports, fallbacks }) => ({
            file,
            grader: grader?.kind ?? "offline",
            cross_validated: grader ? null : { folds },
            fallbacks,
            ...reports[0],
            labellers: reports,
          })),
          null,
          2,
        )}\n`,
      );
    else
      io.stdout.write(
        results
          .map(
            (r) =>
              formatResult(r, paint("bold", `${r.file} (${kind})`)) +
              (r.fallbacks > 0
                ? `${r.fallbacks} of ${r.reports[0]?.n ?? 0} answers fell back to the offline grader\n`
                : ""),
          )
          .join("\n"),
      );
    return results.some((r) => r.errors.length > 0) ? 1 : 0;
  },
};

async function repeatedRun(
  files: readonly string[],
  opts: { folds: number; repeat: number; json: boolean; content: Content },
  io: CliIO,
  paint: ReturnType<typeof painter>,
): Promise<number> {
  const results = [];
  for (const file of files) {
    const text = await readTextInput(file, io.stdin);
    const result = runRepeatedCrossValidation(text, file, {
      ...opts,
      training: trainingFiles(io.env),
      readFile: (f) => readFileSync(f, "utf8"),
    });
    for (const e of result.errors) io.stderr.write(`${file}: ${e}\n`);
    if (result.n === 0) throw new UsageError(`${file} holds no labelled answers`);
    results.push({ file, ...result });
  }
  const kind = `offline grader, ${opts.folds}-fold cross-validated`;
  io.stdout.write(
    opts.json
      ? `${JSON.stringify(
          results.map(({ file, n, summary }) => ({
            file,
            grader: "offline",
            cross_validated: { folds: opts.folds, repeat: opts.repeat },
            n,
            ...summary,
          })),
          null,
          2,
        )}\n`
      : results.map((r) => formatRepeated(r.summary, paint("bold", `${r.file} (${kind})`))).join("\n"),
  );
  return results.some((r) => r.errors.length > 0) ? 1 : 0;
}
