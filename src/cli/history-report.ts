import { CRITERIA, CRITERION_LABELS } from "../core/criteria.js";
import type { Progress } from "../core/progress/progress.js";
import { changeOf } from "../core/progress/sessions.js";
import type { QuestionBank } from "../core/questions/bank.js";
import { count } from "../core/text/plural.js";
import type { Paint } from "./io.js";
import { safeText } from "./terminal/sanitize.js";

const SPARK = "▁▂▃▄▅▆▇█";
/** The trend column shows this many sessions, the latest ones. */
const SPARK_WIDTH = 24;

function spark(values: readonly number[], min: number, max: number): string {
  return values
    .slice(-SPARK_WIDTH)
    .map((v) => SPARK[Math.max(0, Math.min(7, Math.round(((v - min) / (max - min)) * 7)))] ?? "")
    .join("");
}

const fixed = (n: number | null) => (n === null ? "-" : n.toFixed(1));
const signed = (n: number | null) => (n === null ? "-" : `${n > 0 ? "+" : ""}${n.toFixed(1)}`);

function row(label: string, values: readonly number[], min: number, max: number): string {
  // The same change as the interview report's "Against your earlier sessions" (src/core/progress).
  const { latest, earlier, change } = changeOf(values);
  return `  ${label.padEnd(14)} ${spark(values, min, max).padEnd(SPARK_WIDTH)} ${fixed(latest).padStart(6)} ${fixed(earlier).padStart(7)} ${signed(change).padStart(6)}`;
}

/**
 * `star-coach history`: per session (an interview, or a day's answers outside one) the averages, and the
 * latest against the mean of the earlier ones: the numbers the interview report and the chart show.
 */
export function formatProgress(p: Progress, bank: QuestionBank, paint: Paint): string {
  if (p.attempts === 0) return "No graded answers yet. Run `star-coach practice` to start.\n";
  const out = [
    paint("bold", `Progress: ${count(p.attempts, "graded answer")} in ${count(p.points.length, "session")}`),
    "",
    `  ${"".padEnd(14)} ${"sessions, oldest first".padEnd(SPARK_WIDTH)} ${"latest".padStart(6)} ${"earlier".padStart(7)} ${"change".padStart(6)}`,
    row("Overall (1-5)", p.overallTrend, 1, 5),
  ];
  for (const c of CRITERIA) out.push(row(CRITERION_LABELS[c], p.trend[c], 0, 4));
  out.push(paint("dim", "  earlier: the mean of the sessions before the latest; change: latest - earlier"));
  out.push("", paint("bold", "Competencies"));
  for (const c of p.competencies) {
    const name = safeText(bank.competency(c.id)?.name ?? c.id);
    out.push(
      `  ${name.padEnd(46)} ${c.attempts === 0 ? paint("dim", "not practised") : `${count(c.attempts, "answer")}, average ${fixed(c.average)}/5`}`,
    );
  }
  if (p.nextFocus) {
    const competency = p.nextFocus.competency
      ? safeText(bank.competency(p.nextFocus.competency)?.name ?? p.nextFocus.competency)
      : "any";
    const criterion = p.nextFocus.criterion ? CRITERION_LABELS[p.nextFocus.criterion] : "-";
    out.push("", `${paint("bold", "Next focus:")} ${competency}, and work on ${criterion}.`);
  }
  return `${out.join("\n")}\n`;
}
