import { parseArgs } from "node:util";
import { shippedContent } from "../content-files.js";
import type { GradeInput } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import type { Grade } from "../core/grading/types.js";
import { LEVELS, type Level, LevelSchema } from "../core/levels.js";
import type { Command } from "./command.js";
import { gradeJsonl } from "./grade-jsonl.js";
import { formatGrade } from "./grade-report.js";
import { GRADER_HELP, GRADER_USAGE, graderFromOption } from "./grader-option.js";
import { type Paint, painter, UsageError } from "./io.js";
import { readTextInput } from "./read-input.js";

/** What only an LLM grade has (the example), or why the LLM could not grade. */
function graderNote(grade: Grade, paint: Paint): string {
  if (grade.fallback)
    return `\n${paint("yellow", `The LLM grader was unavailable (${grade.fallback}); this is the offline grade.`)}\n`;
  if (grade.grader !== "llm") return "";
  const example = grade.improved_example ? `\n${paint("bold", "Example")} ${grade.improved_example}\n` : "";
  return `${example}\n${paint("dim", `Graded by ${grade.model} (prompts ${grade.prompt_version}).`)}\n`;
}

export const gradeCommand: Command = {
  name: "grade",
  summary: "Grade an answer (file or stdin) against a question; --jsonl grades a batch",
  usage: `star-coach grade [FILE] (--question ID | --question-text TEXT) [--level ${LEVELS.join("|")}] [--json] [${GRADER_USAGE}]
       star-coach grade --jsonl [FILE] [--level LEVEL] [${GRADER_USAGE}]
  FILE defaults to standard input. --jsonl reads lines {"id", "question", "answer", "level"?} where
  question is a question id or free text, and writes one JSON line per input, in order.
  ${GRADER_HELP}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        question: { type: "string", short: "q" },
        "question-text": { type: "string" },
        level: { type: "string" },
        json: { type: "boolean" },
        jsonl: { type: "boolean" },
        grader: { type: "string" },
      },
    });
    if (positionals.length > 1) throw new UsageError("give at most one FILE");
    let level: Level | undefined;
    if (values.level !== undefined) {
      const parsed = LevelSchema.safeParse(values.level);
      if (!parsed.success) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
      level = parsed.data;
    }
    const content = shippedContent();
    const grader = graderFromOption(values.grader, content, io);
    const text = await readTextInput(positionals[0], io.stdin);
    if (values.jsonl) return gradeJsonl(text, content, { level, grader }, io);
    if (values.question === undefined && values["question-text"] === undefined) {
      throw new UsageError("give --question ID or --question-text TEXT");
    }
    if (values.question !== undefined && !content.bank.get(values.question)) {
      throw new UsageError(`no question has the id "${values.question}"; star-coach questions lists them`);
    }
    const resolved = resolveQuestion(
      values.question ?? values["question-text"] ?? "",
      content.bank,
      level ?? "entry",
    );
    const input: GradeInput = { answer: text, question: resolved.ref, level: level ?? resolved.level };
    const grade = await grader.grade(input);
    if (values.json) io.stdout.write(`${JSON.stringify({ id: resolved.ref.id, ...grade }, null, 2)}\n`);
    else {
      const paint = painter(io.stdout, io.env);
      io.stdout.write(formatGrade(grade, paint, resolved.ref.text) + graderNote(grade, paint));
    }
    return 0;
  },
};
