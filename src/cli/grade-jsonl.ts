import { z } from "zod";
import type { Content } from "../core/content/load.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import { type Level, LevelSchema } from "../core/levels.js";
import type { Grader } from "../llm/select.js";
import { LLM_CONCURRENCY } from "./grader-option.js";
import { inOrder } from "./in-order.js";
import type { CliIO } from "./io.js";
import { terminalJson } from "./safe-json.js";

// No length limit on the answer: past MAX_ANSWER_CHARS (core/grading/limits.ts) the grader reads a
// prefix and its grade carries the "truncated" notice, so one huge line is graded, not refused or stalled.
const LineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().trim().min(1, "must not be empty"),
  answer: z.string(),
  level: LevelSchema.optional(),
});

/**
 * A question that reads as an id (kebab-case, one word, like inv-cycle-count-gap: the bank's id pattern,
 * in any case) but is no id of the bank is a mistake, never free text to grade against.
 */
const QUESTION_ID_SHAPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/i;

function idOf(raw: unknown): string | null {
  if (typeof raw === "object" && raw !== null && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return String(id);
  }
  return null;
}

export interface JsonlOptions {
  /** Forced by --level for every line; otherwise each line's own level, or the question's. */
  level: Level | undefined;
  grader: Grader;
}

interface LineResult {
  text: string;
  failed: boolean;
}

const failure = (value: Record<string, unknown>): LineResult => ({
  text: terminalJson(value),
  failed: true,
});

async function gradeLine(
  line: string,
  lineNo: number,
  content: Content,
  options: JsonlOptions,
): Promise<LineResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return failure({ id: null, line: lineNo, error: "line is not valid JSON" });
  }
  const parsed = LineSchema.safeParse(raw);
  if (!parsed.success) {
    const error = parsed.error.issues.map((p) => `${p.path.join(".") || "line"}: ${p.message}`).join("; ");
    return failure({ id: idOf(raw), line: lineNo, error });
  }
  const { id, question, answer } = parsed.data;
  if (!content.bank.get(question.trim()) && QUESTION_ID_SHAPE.test(question.trim()))
    return failure({
      id,
      line: lineNo,
      error: `question: no question has the id "${question.trim()}"; star-coach questions lists them (free text must be the question itself)`,
    });
  const resolved = resolveQuestion(question, content.bank, options.level ?? "entry");
  const level = options.level ?? parsed.data.level ?? resolved.level;
  const grade = await options.grader.grade({ answer, question: resolved.ref, level });
  return { text: terminalJson({ id, ...grade }), failed: false };
}

/**
 * Grades JSONL input; a bad line yields {"id", "line", "error"} and the rest go on. Output keeps input
 * order; with the LLM grader a few lines are graded at a time.
 */
export async function gradeJsonl(
  text: string,
  content: Content,
  options: JsonlOptions,
  io: CliIO,
): Promise<number> {
  let failed = 0;
  const lines = [...text.split(/\r?\n/).entries()].filter(([, line]) => line.trim() !== "");
  const limit = options.grader.kind === "llm" ? LLM_CONCURRENCY : 1;
  for await (const result of inOrder(lines, limit, ([i, line]) => gradeLine(line, i + 1, content, options))) {
    if (result.failed) failed++;
    io.stdout.write(`${result.text}\n`);
  }
  return failed > 0 ? 1 : 0;
}
