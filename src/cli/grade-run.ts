import { shippedContent } from "../content-files.js";
import type { GradeInput } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import type { Grade } from "../core/grading/types.js";
import type { Level } from "../core/level-names.js";
import { gradeJsonl } from "./grade-jsonl.js";
import { formatGrade } from "./grade-report.js";
import { graderFromOption } from "./grader-option.js";
import { type CliIO, type Paint, painter, UsageError } from "./io.js";
import { InputFileError, isStdin, readTextInput } from "./read-input.js";
import { terminalJson } from "./safe-json.js";
import { safeText } from "./terminal/sanitize.js";

/** What `grade` waits for when standard input is a terminal: said once, on standard error. */
const ANSWER_PROMPT = "Type or paste the answer, then press Ctrl-D on an empty line (or give a FILE).\n";
const JSONL_PROMPT = 'Paste JSON lines {"id", "question", "answer"}, then Ctrl-D on an empty line.\n';

/** `grade`'s arguments, checked (grade-command.ts). */
export interface GradeOptions {
  file: string | undefined;
  question: string | undefined;
  questionText: string | undefined;
  level: Level | undefined;
  json: boolean;
  jsonl: boolean;
  grader: string | undefined;
  /** A recording to transcribe and grade instead of a typed answer. */
  audio?: string | undefined;
}

/** What only an LLM grade has (the example), or why the LLM could not grade. */
export function graderNote(grade: Grade, paint: Paint): string {
  if (grade.fallback)
    return `\n${paint("yellow", `The LLM grader was unavailable (${safeText(grade.fallback)}); this is the offline grade.`)}\n`;
  if (grade.grader !== "llm") return "";
  const example = grade.improved_example
    ? `\n${paint("bold", "Example")} ${safeText(grade.improved_example)}\n`
    : "";
  return `${example}\n${paint("dim", safeText(`Graded by ${grade.model} (prompts ${grade.prompt_version}).`))}\n`;
}

export async function runGrade(opts: GradeOptions, io: CliIO): Promise<number> {
  const { jsonl, level } = opts;
  const content = shippedContent();
  // Checked before any input is read: a mistake is said at once, not after the answer is typed.
  if (!jsonl && opts.question !== undefined && !content.bank.get(opts.question.trim()))
    throw new UsageError(
      `no question has the id "${safeText(opts.question)}"; star-coach questions lists them`,
    );
  const grader = graderFromOption(opts.grader, content, io);
  if (opts.audio !== undefined) {
    const { runVoiceGrade } = await import("./grade-voice.js");
    return runVoiceGrade(
      { audio: opts.audio, question: opts.question ?? opts.questionText ?? "", level, json: opts.json },
      content,
      grader,
      io,
      graderNote,
    );
  }
  if (isStdin(opts.file) && io.stdin.isTTY) io.stderr.write(jsonl ? JSONL_PROMPT : ANSWER_PROMPT);
  let text: string;
  try {
    text = await readTextInput(opts.file, io.stdin);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    io.stderr.write(`star-coach grade: ${err.message}\n`);
    return 1;
  }
  if (jsonl) return gradeJsonl(text, content, { level, grader }, io);
  const resolved = resolveQuestion(opts.question ?? opts.questionText ?? "", content.bank, level ?? "entry");
  const input: GradeInput = { answer: text, question: resolved.ref, level: level ?? resolved.level };
  const grade = await grader.grade(input);
  if (opts.json) io.stdout.write(`${terminalJson({ id: resolved.ref.id, ...grade }, 2)}\n`);
  else {
    const paint = painter(io.stdout, io.env);
    io.stdout.write(formatGrade(grade, paint, resolved.ref.text) + graderNote(grade, paint));
  }
  return 0;
}
