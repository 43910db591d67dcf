import { z } from "zod";
import type { Content } from "../core/content/load.js";
import { gradeAnswer } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import { type Level, LevelSchema } from "../core/levels.js";
import type { CliIO } from "./io.js";

const MAX_ANSWER_CHARS = 100_000;

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().trim().min(1, "must not be empty"),
  answer: z.string().max(MAX_ANSWER_CHARS, `must be at most ${MAX_ANSWER_CHARS} characters`),
  level: LevelSchema.optional(),
});

function idOf(raw: unknown): string | null {
  if (typeof raw === "object" && raw !== null && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return String(id);
  }
  return null;
}

/** Grades JSONL input line by line; a bad line yields {"id", "error"} and the rest go on. */
export async function gradeJsonl(
  text: string,
  content: Content,
  level: Level,
  levelForced: boolean,
  io: CliIO,
): Promise<number> {
  let failed = 0;
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      failed++;
      io.stdout.write(`${JSON.stringify({ id: null, line: i + 1, error: "line is not valid JSON" })}\n`);
      continue;
    }
    const parsed = LineSchema.safeParse(raw);
    if (!parsed.success) {
      failed++;
      const error = parsed.error.issues.map((p) => `${p.path.join(".") || "line"}: ${p.message}`).join("; ");
      io.stdout.write(`${JSON.stringify({ id: idOf(raw), line: i + 1, error })}\n`);
      continue;
    }
    const { id, question, answer } = parsed.data;
    const resolved = resolveQuestion(question, content.bank, level);
    const gradeLevel = levelForced ? level : (parsed.data.level ?? resolved.level);
    const grade = gradeAnswer({ answer, question: resolved.ref, level: gradeLevel }, content);
    io.stdout.write(`${JSON.stringify({ id, ...grade })}\n`);
  }
  return failed > 0 ? 1 : 0;
}
