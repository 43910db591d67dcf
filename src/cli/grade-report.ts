import { CRITERIA, CRITERION_LABELS } from "../core/criteria.js";
import type { Grade } from "../core/grading/types.js";
import type { Paint } from "./io.js";

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

/** The grade as a person reads it in a terminal. */
export function formatGrade(
  grade: Grade,
  paint: Paint,
  question?: string,
  options: { followUp?: boolean } = {},
): string {
  const out: string[] = [];
  if (question) out.push(paint("dim", `Q: ${question}`), "");
  const overallColour = grade.overall <= 2 ? "red" : grade.overall === 3 ? "yellow" : "green";
  out.push(
    `${paint("bold", "Overall")} ${paint(["bold", overallColour], `${grade.overall}/5`)}  ${paint("dim", `(${grade.level} level, ${grade.stats.words} words, ~${Math.round(grade.stats.speaking_seconds / 6) / 10} min spoken)`)}`,
  );
  for (const notice of grade.notices) out.push(paint("yellow", `! ${notice}`));
  out.push("");
  for (const c of CRITERIA) {
    const g = grade.criteria[c];
    out.push(
      `${CRITERION_LABELS[c].padEnd(14)} ${paint(scoreColour(g.score), BAR[g.score] ?? "")} ${g.score}/4  ${paint("dim", g.note)}`,
    );
    for (const e of g.evidence.slice(0, 2))
      out.push(paint("dim", `    "${e.length > 160 ? `${e.slice(0, 157)}...` : e}"`));
  }
  for (const a of grade.arithmetic) out.push("", paint("yellow", `Numbers check: ${a.message}`));
  if (grade.missing.length > 0) {
    out.push("", paint("bold", "Missing"));
    for (const m of grade.missing) out.push(`  - ${m}`);
  }
  if (grade.tips.length > 0) {
    out.push("", paint("bold", "Tips"));
    for (const t of grade.tips) out.push(`  - ${t}`);
  }
  if (options.followUp !== false)
    out.push("", `${paint("bold", "Follow-up")} ${paint("cyan", grade.follow_up)}`);
  return `${out.join("\n")}\n`;
}
