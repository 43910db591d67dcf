import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, shippedContent } from "../content-files.js";
import type { Content } from "../core/content/load.js";
import { type LabelledAnswer, parseLabelledLine } from "../core/eval/dataset.js";
import { type EvalReport, evaluate } from "../core/eval/evaluate.js";
import { type GradeInput, gradeAnswer } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import type { Grader } from "../llm/select.js";
import type { Command } from "./command.js";
import { GRADER_HELP, GRADER_USAGE, graderFromOption, LLM_CONCURRENCY } from "./grader-option.js";
import { inOrder } from "./in-order.js";
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

function parseLabelled(text: string): { items: LabelledAnswer[]; errors: string[] } {
  const items: LabelledAnswer[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseLabelledLine(line, i + 1);
    if (parsed.ok) items.push(parsed.item);
    else errors.push(`line ${parsed.line}: ${parsed.error}`);
  });
  return { items, errors };
}

function inputOf(item: LabelledAnswer, content: Content): GradeInput {
  const resolved = resolveQuestion(item.question, content.bank, item.level ?? "entry");
  return { answer: item.answer, question: resolved.ref, level: item.level ?? resolved.level };
}

/** Grades every labelled answer offline and compares with the labels. Bad lines are reported and skipped. */
export function runEval(text: string): { report: EvalReport; errors: string[] } {
  const content = shippedContent();
  const { items, errors } = parseLabelled(text);
  const grades = items.map((item) => gradeAnswer(inputOf(item, content), content));
  return { report: evaluate(items, grades), errors };
}

/**
 * The same with any grader; an LLM grader grades a few answers at a time, and `fallbacks` counts the
 * answers it had to leave to the offline grader.
 */
export async function runEvalWith(
  text: string,
  grader: Grader,
): Promise<{ report: EvalReport; errors: string[]; fallbacks: number }> {
  const content = shippedContent();
  const { items, errors } = parseLabelled(text);
  const limit = grader.kind === "llm" ? LLM_CONCURRENCY : 1;
  const grades = [];
  for await (const grade of inOrder(items, limit, (item) => grader.grade(inputOf(item, content))))
    grades.push(grade);
  const fallbacks = grades.filter((g) => g.fallback).length;
  return { report: evaluate(items, grades), errors, fallbacks };
}

export const evalCommand: Command = {
  name: "eval",
  summary: "Measure the grader against hand-labelled answers (agreement, kappa, F1, Spearman)",
  usage: `star-coach eval [FILE ...] [--json] [${GRADER_USAGE}]
  FILE: JSONL of labelled answers, criteria 0-4 (our format) or STAR parts 0-2 (the shared format);
  default: test/fixtures/answers.jsonl. "-" reads standard input.
  ${GRADER_HELP}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean" }, grader: { type: "string" } },
    });
    const grader = graderFromOption(values.grader, shippedContent(), io);
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
      const { report, errors, fallbacks } = await runEvalWith(text, grader);
      for (const e of errors) io.stderr.write(`${file}: ${e}\n`);
      if (report.n === 0) throw new UsageError(`${file} holds no labelled answers`);
      results.push({ file, report, errors, fallbacks });
    }
    if (values.json)
      io.stdout.write(
        `${JSON.stringify(
          results.map(({ file, report, fallbacks }) => ({ file, grader: grader.kind, fallbacks, ...report })),
          null,
          2,
        )}\n`,
      );
    else
      io.stdout.write(
        results
          .map(
            ({ file, report, fallbacks }) =>
              formatReport(report, paint("bold", `${file} (${grader.kind} grader)`)) +
              (fallbacks > 0 ? `${fallbacks} of ${report.n} answers fell back to the offline grader\n` : ""),
          )
          .join("\n"),
      );
    return results.some((r) => r.errors.length > 0) ? 1 : 0;
  },
};
