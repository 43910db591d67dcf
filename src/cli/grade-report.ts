import { CRITERIA, CRITERION_LABELS } from "../core/criteria.js";
import { deliveryFeedback } from "../core/delivery/delivery.js";
import { clipQuote } from "../core/grading/clip-quote.js";
import type { Grade } from "../core/grading/types.js";
import { count } from "../core/text/plural.js";
import type { Paint } from "./io.js";
import { safeText } from "./terminal/sanitize.js";

const BAR = [
  "\u25CB\u25CB\u25CB\u25CB",
  "\u25CF\u25CB\u25CB\u25CB",
  "\u25CF\u25CF\u25CB\u25CB",
  "\u25CF\u25CF\u25CF\u25CB",
  "\u25CF\u25CF\u25CF\u25CF",
];

function scoreColour(score: number): "red" | "yellow" | "green" {
  return score <= 1 ? "red" : score === 2 ? "yellow" : "green";
}

/** The grade as a person reads it in a terminal; every text from the answer or a grader is made safe to print. */
export function formatGrade(
  grade: Grade,
  paint: Paint,
  question?: string,
  options: { followUp?: boolean } = {},
): string {
  const out: string[] = [];
  if (question) out.push(paint("dim", `Q: ${safeText(question)}`), "");
  const overallColour = grade.overall <= 2 ? "red" : grade.overall === 3 ? "yellow" : "green";
  // A voice answer's real length; a typed answer's estimate from its words.
  const spoken =
    grade.delivery?.duration_s != null
      ? `${Math.round(grade.delivery.duration_s / 6) / 10} min spoken`
      : `~${Math.round(grade.stats.speaking_seconds / 6) / 10} min spoken`;
  out.push(
    `${paint("bold", "Overall")} ${paint(["bold", overallColour], `${grade.overall}/5`)}  ${paint("dim", `(${grade.level} level, ${count(grade.stats.words, "word")}, ${spoken})`)}`,
  );
  for (const notice of grade.notices) out.push(paint("yellow", `! ${safeText(notice)}`));
  out.push("");
  for (const c of CRITERIA) {
    const g = grade.criteria[c];
    out.push(
      `${CRITERION_LABELS[c].padEnd(14)} ${paint(scoreColour(g.score), BAR[g.score] ?? "")} ${g.score}/4  ${paint("dim", safeText(g.note))}`,
    );
    for (const quote of g.evidence.slice(0, 2)) {
      const e = safeText(quote);
      out.push(paint("dim", `    "${clipQuote(e, 160)}"`));
    }
  }
  for (const a of grade.arithmetic) out.push("", paint("yellow", `Numbers check: ${safeText(a.message)}`));
  if (grade.missing.length > 0) {
    out.push("", paint("bold", "Missing"));
    for (const m of grade.missing) out.push(`  - ${safeText(m)}`);
  }
  if (grade.tips.length > 0) {
    out.push("", paint("bold", "Tips"));
    for (const t of grade.tips) out.push(`  - ${safeText(t)}`);
  }
  if (grade.delivery) {
    out.push("", paint("bold", "Delivery"));
    for (const line of deliveryFeedback(grade.delivery)) out.push(`  - ${safeText(line)}`);
  }
  if (options.followUp !== false)
    out.push("", `${paint("bold", "Follow-up")} ${paint("cyan", safeText(grade.follow_up))}`);
  return `${out.join("\n")}\n`;
}
