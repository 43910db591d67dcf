import type { PostingAnalysis } from "../core/posting/analyze.js";
import type { practiceFor } from "../core/posting/practice.js";
import type { QuestionBank } from "../core/questions/bank.js";
import type { Paint } from "./io.js";
import { safeText } from "./terminal/sanitize.js";

/** A path as a shell reads it: quoted when it holds anything but plain path characters. */
const quoted = (path: string) => (/^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`);

const none = (list: readonly string[]) => (list.length > 0 ? list.join(", ") : "none named");

/** The posting as a person reads it: level and why, competencies by weight with the words that showed them. */
export function formatPosting(
  a: PostingAnalysis,
  practice: ReturnType<typeof practiceFor>,
  bank: Pick<QuestionBank, "competency">,
  paint: Paint,
  /** The posting's file, to suggest an interview drawn from it; null when it came on standard input. */
  file: string | null = null,
): string {
  const out = [`${paint("bold", "Level")} ${a.level}`, paint("dim", `  ${safeText(a.levelReason)}`), ""];
  out.push(paint("bold", "Competencies it asks for"));
  const width = Math.max(0, ...a.competencies.map((c) => c.id.length));
  for (const c of a.competencies) {
    const share = `${Math.round(c.weight * 100)}%`.padStart(4);
    const name = bank.competency(c.id)?.name ?? c.id;
    out.push(`  ${c.id.padEnd(width)}  ${share}  ${name}`);
    out.push(paint("dim", `  ${" ".repeat(width)}        ${c.evidence.map(safeText).join(", ")}`));
  }
  out.push(
    "",
    `${paint("bold", "Methods")} ${none(a.methods)}`,
    `${paint("bold", "Metrics")} ${none(a.metrics)}`,
  );
  const focus = practice.focus ? ` --focus ${practice.focus}` : "";
  out.push("");
  if (file !== null)
    out.push(
      `${paint("bold", "Practice")} ${paint("cyan", `star-coach practice --posting ${safeText(quoted(file))}`)}`,
      `${paint("dim", "  or its top competency alone:")} ${paint("cyan", `star-coach practice --level ${practice.level}${focus}`)}`,
    );
  else
    out.push(
      `${paint("bold", "Practice")} ${paint("cyan", `star-coach practice --level ${practice.level}${focus}`)}`,
    );
  return `${out.join("\n")}\n`;
}
