import { CRITERIA, CRITERION_LABELS } from "../core/criteria.js";
import type { Grade } from "../core/grading/types.js";
import type { Progress, SessionReport } from "../core/interview/report.js";
import type { QuestionBank } from "../core/questions/bank.js";
import type { Paint } from "./io.js";

const SPARK = "▁▂▃▄▅▆▇█";

function spark(values: readonly number[]): string {
  return values.map((v) => SPARK[Math.max(0, Math.min(7, Math.round((v / 4) * 7)))] ?? "").join("");
}

const signed = (n: number | null) => (n === null ? "  -" : `${n > 0 ? "+" : ""}${n.toFixed(1)}`.padStart(4));

export function formatChange(previous: Grade, current: Grade, paint: Paint): string {
  const lines = [paint("bold", "Change against your previous attempt")];
  for (const c of CRITERIA) {
    const before = previous.criteria[c].score;
    const after = current.criteria[c].score;
    const delta = after - before;
    const mark =
      delta > 0 ? paint("green", `+${delta}`) : delta < 0 ? paint("red", String(delta)) : paint("dim", " 0");
    lines.push(`  ${CRITERION_LABELS[c].padEnd(14)} ${before} -> ${after}  ${mark}`);
  }
  lines.push(`  ${"Overall".padEnd(14)} ${previous.overall} -> ${current.overall}`);
  return `${lines.join("\n")}\n`;
}

export function formatSessionReport(report: SessionReport, bank: QuestionBank, paint: Paint): string {
  const out = [paint("bold", "Interview report"), ""];
  report.questions.forEach((q, i) => {
    const text = bank.get(q.questionId)?.text ?? q.questionId;
    const score = q.skipped
      ? paint("dim", "skipped")
      : q.overall === null
        ? paint("dim", "not answered")
        : `${q.overall}/5`;
    const moved = q.improvement
      ? paint("green", ` (${q.improvement > 0 ? "+" : ""}${q.improvement} on your first answer)`)
      : "";
    out.push(`${i + 1}. ${score}${moved}  ${paint("dim", text)}`);
  });
  out.push("", paint("bold", `Average overall: ${report.overall ?? "-"}/5`));
  for (const c of CRITERIA) out.push(`  ${CRITERION_LABELS[c].padEnd(14)} ${report.criteria[c] ?? "-"}`);
  if (report.strongest)
    out.push(
      "",
      `Strongest: ${CRITERION_LABELS[report.strongest]}.  Weakest: ${report.weakest ? CRITERION_LABELS[report.weakest] : "-"}.`,
    );
  if (report.improvements.length > 0) {
    out.push("", paint("bold", "Most useful improvements"));
    for (const m of report.improvements) out.push(`  - ${m}`);
  }
  if (report.change) {
    out.push(
      "",
      paint("bold", "Against your earlier sessions"),
      `  Overall ${signed(report.change.overall)}`,
    );
    for (const c of CRITERIA)
      out.push(`  ${CRITERION_LABELS[c].padEnd(14)} ${signed(report.change.criteria[c])}`);
  }
  return `${out.join("\n")}\n`;
}

export function formatProgress(p: Progress, bank: QuestionBank, paint: Paint): string {
  if (p.attempts === 0) return "No graded answers yet. Run `star-coach practice` to start.\n";
  const out = [
    paint("bold", `Progress: ${p.attempts} graded answers in ${p.sessions} sessions`),
    "",
    "Criterion       trend (oldest to newest)   change",
  ];
  for (const c of CRITERIA)
    out.push(`  ${CRITERION_LABELS[c].padEnd(14)} ${spark(p.trend[c]).padEnd(24)} ${signed(p.direction[c])}`);
  out.push("", paint("bold", "Competencies"));
  for (const c of p.competencies) {
    const name = bank.competency(c.id)?.name ?? c.id;
    out.push(
      `  ${name.padEnd(46)} ${c.attempts === 0 ? paint("dim", "not practised") : `${c.attempts} answers, average ${c.average}/5`}`,
    );
  }
  if (p.nextFocus) {
    const competency = p.nextFocus.competency
      ? (bank.competency(p.nextFocus.competency)?.name ?? p.nextFocus.competency)
      : "any";
    const criterion = p.nextFocus.criterion ? CRITERION_LABELS[p.nextFocus.criterion] : "-";
    out.push("", `${paint("bold", "Next focus:")} ${competency}, and work on ${criterion}.`);
  }
  return `${out.join("\n")}\n`;
}
