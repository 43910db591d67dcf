import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, shippedContent } from "../content-files.js";
import { type LabelledAnswer, parseLabelledLine } from "../core/eval/dataset.js";
import { type EvalReport, evaluate } from "../core/eval/evaluate.js";
import { gradeAnswer } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import type { Command } from "./command.js";
import { painter, UsageError } from "./io.js";
import { readTextInput } from "./read-input.js";

export const DEFAULT_EVAL_FILE = join(PROJECT_ROOT, "test", "fixtures", "answers.jsonl");

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

/** Grades every labelled answer and compares with the labels. Bad lines are reported and skipped. */
export function runEval(text: string): { report: EvalReport; errors: string[] } {
  const content = shippedContent();
  const items: LabelledAnswer[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseLabelledLine(line, i + 1);
    if (parsed.ok) items.push(parsed.item);
    else errors.push(`line ${parsed.line}: ${parsed.error}`);
  });
  const grades = items.map((item) => {
    const resolved = resolveQuestion(item.question, content.bank, item.level ?? "entry");
    return gradeAnswer(
      { answer: item.answer, question: resolved.ref, level: item.level ?? resolved.level },
      content,
    );
  });
  return { report: evaluate(items, grades), errors };
}

export const evalCommand: Command = {
  name: "eval",
  summary: "Measure the grader against hand-labelled answers (agreement, kappa, F1, Spearman)",
  usage: `star-coach eval [FILE ...] [--json]
  FILE: JSONL of labelled answers, criteria 0-4 (our format) or STAR parts 0-2 (the shared format);
  default: test/fixtures/answers.jsonl. "-" reads standard input.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean" } },
    });
    const files = positionals.length > 0 ? positionals : [DEFAULT_EVAL_FILE];
    const paint = painter(io.stdout, io.env);
    const results = [];
    for (const file of files) {
      let text: string;
      try {
        text = await readTextInput(file, io.stdin);
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const { report, errors } = runEval(text);
      for (const e of errors) io.stderr.write(`${file}: ${e}\n`);
      if (report.n === 0) throw new UsageError(`${file} holds no labelled answers`);
      results.push({ file, report, errors });
    }
    if (values.json)
      io.stdout.write(
        `${JSON.stringify(
          results.map(({ file, report }) => ({ file, ...report })),
          null,
          2,
        )}\n`,
      );
    else
      io.stdout.write(
        results.map(({ file, report }) => formatReport(report, paint("bold", file))).join("\n"),
      );
    return results.some((r) => r.errors.length > 0) ? 1 : 0;
  },
};
