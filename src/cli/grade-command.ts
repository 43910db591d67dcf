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
import { InputFileError, isStdin, readTextInput } from "./read-input.js";
import { terminalJson } from "./safe-json.js";
import { safeText } from "./terminal/sanitize.js";

/** What `grade` waits for when standard input is a terminal: said once, on standard error. */
const ANSWER_PROMPT = "Type or paste the answer, then press Ctrl-D on an empty line (or give a FILE).\n";
const JSONL_PROMPT = 'Paste JSON lines {"id", "question", "answer"}, then Ctrl-D on an empty line.\n';

/** What only an LLM grade has (the example), or why the LLM could not grade. */
function graderNote(grade: Grade, paint: Paint): string {
  if (grade.fallback)
    return `\n${paint("yellow", `The LLM grader was unavailable (${safeText(grade.fallback)}); this is the offline grade.`)}\n`;
  if (grade.grader !== "llm") return "";
  const example = grade.improved_example
    ? `\n${paint("bold", "Example")} ${safeText(grade.improved_example)}\n`
    : "";
  return `${example}\n${paint("dim", safeText(`Graded by ${grade.model} (prompts ${grade.prompt_version}).`))}\n`;
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
    const jsonl = values.jsonl === true;
    if (!jsonl && values.question === undefined && values["question-text"] === undefined)
      throw new UsageError("give --question ID or --question-text TEXT");
    const content = shippedContent();
    // Checked before any input is read: a mistake is said at once, not after the answer is typed.
    if (!jsonl && values.question !== undefined && !content.bank.get(values.question.trim()))
      throw new UsageError(
        `no question has the id "${safeText(values.question)}"; star-coach questions lists them`,
      );
    const grader = graderFromOption(values.grader, content, io);
    const file = positionals[0];
    if (isStdin(file) && io.stdin.isTTY) io.stderr.write(jsonl ? JSONL_PROMPT : ANSWER_PROMPT);
    let text: string;
    try {
      text = await readTextInput(file, io.stdin);
    } catch (err) {
      if (!(err instanceof InputFileError)) throw err;
      io.stderr.write(`star-coach grade: ${err.message}\n`);
      return 1;
    }
    if (jsonl) return gradeJsonl(text, content, { level, grader }, io);
    const resolved = resolveQuestion(
      values.question ?? values["question-text"] ?? "",
      content.bank,
      level ?? "entry",
    );
    const input: GradeInput = { answer: text, question: resolved.ref, level: level ?? resolved.level };
    const grade = await grader.grade(input);
    if (values.json) io.stdout.write(`${terminalJson({ id: resolved.ref.id, ...grade }, 2)}\n`);
    else {
      const paint = painter(io.stdout, io.env);
      io.stdout.write(formatGrade(grade, paint, resolved.ref.text) + graderNote(grade, paint));
    }
    return 0;
  },
};
