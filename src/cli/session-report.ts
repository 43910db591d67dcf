import { CRITERIA, CRITERION_LABELS } from "../core/criteria.js";
import { type SessionReport, triesLine } from "../core/interview/report.js";
import { italicSpans } from "../core/interview/story-use.js";
import type { QuestionBank } from "../core/questions/bank.js";
import type { Paint } from "./io.js";
import { safeText } from "./terminal/sanitize.js";

/** A story's title (or a line naming one) on one line, with nothing a terminal would act on. */
const oneLine = (t: string) => safeText(t).replace(/\s+/g, " ").trim();

/** A warning as plain text: the terminal drops the markdown italics of the title it names. */
const plain = (warning: string) =>
  oneLine(
    italicSpans(warning)
      .map((s) => s.text)
      .join(""),
  );

const signed = (n: number | null) => (n === null ? "  -" : `${n > 0 ? "+" : ""}${n.toFixed(1)}`.padStart(4));

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
    const tries = triesLine(q);
    if (tries) out.push(paint("dim", `   ${tries}`));
    const story = report.stories?.perQuestion[i];
    if (story) out.push(paint("dim", `   story: ${oneLine(story.title)}`));
  });
  for (const w of report.stories?.warnings ?? []) out.push("", paint("yellow", `! ${plain(w)}`));
  out.push("", paint("bold", `Average overall: ${report.overall ?? "-"}/5`));
  for (const c of CRITERIA) out.push(`  ${CRITERION_LABELS[c].padEnd(14)} ${report.criteria[c] ?? "-"}`);
  if (report.strongest)
    out.push(
      "",
      `Strongest: ${CRITERION_LABELS[report.strongest]}.  Weakest: ${report.weakest ? CRITERION_LABELS[report.weakest] : "-"}.`,
    );
  if (report.improvements.length > 0) {
    out.push("", paint("bold", "Most useful improvements"));
    for (const m of report.improvements) out.push(`  - ${safeText(m)}`);
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
  if (report.postingFit) {
    const { fits, uncovered } = report.postingFit;
    const fitting = fits
      .map((f) => `${oneLine(f.title)} (${safeText(f.competencies.join(", "))})`)
      .join("; ");
    out.push("", paint("bold", "For this posting"), `  Stories that fit: ${fitting || "none yet"}`);
    out.push(
      uncovered.length > 0
        ? `  No story yet for: ${safeText(uncovered.join(", "))}`
        : "  Every competency it asks for most has a story.",
    );
  }
  return `${out.join("\n")}\n`;
}
