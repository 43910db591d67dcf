import { CRITERIA, CRITERION_LABELS } from "../../core/criteria.js";
import type { Progress, SessionReport } from "../../core/interview/report.js";
import type { Streaks } from "../../core/leaderboard/streaks.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import { count } from "../../core/text/plural.js";
import { type EmbedData, type EmbedField, fitEmbed } from "../limits.js";
import { COLORS, colorFor } from "./text.js";

const signed = (n: number | null) => (n === null ? "–" : `${n > 0 ? "+" : ""}${n.toFixed(1)}`);

export function reportEmbed(report: SessionReport, bank: QuestionBank): EmbedData {
  const fields: EmbedField[] = report.questions.map((q, i) => ({
    name: `${i + 1}. ${q.skipped ? "skipped" : q.overall === null ? "not answered" : `${q.overall}/5`}${q.improvement ? ` (${q.improvement > 0 ? "+" : ""}${q.improvement} on your first answer)` : ""}`,
    value: bank.get(q.questionId)?.text ?? q.questionId,
  }));
  fields.push({
    name: "Per criterion",
    value: CRITERIA.map(
      (c) =>
        `${CRITERION_LABELS[c]}: ${report.criteria[c] ?? "–"}${report.change ? ` (${signed(report.change.criteria[c])})` : ""}`,
    ).join("\n"),
  });
  if (report.improvements.length > 0)
    fields.push({
      name: "Most useful improvements",
      value: report.improvements.map((m) => `• ${m}`).join("\n"),
    });
  const strong = report.strongest ? CRITERION_LABELS[report.strongest] : "–";
  const weak = report.weakest ? CRITERION_LABELS[report.weakest] : "–";
  return fitEmbed({
    title: `Interview report: ${report.overall ?? "–"}/5 average`,
    description: `Strongest: **${strong}**. Weakest: **${weak}**.${report.change ? ` Against your earlier sessions: ${signed(report.change.overall)} overall.` : ""}`,
    color: colorFor(report.overall === null ? null : Math.round(report.overall)),
    fields,
  });
}

const SPARK = "▁▂▃▄▅▆▇█";
const spark = (xs: readonly number[]) =>
  xs
    .slice(-20)
    .map((v) => SPARK[Math.max(0, Math.min(7, Math.round((v / 4) * 7)))] ?? "")
    .join("");

function streakLine(s: Streaks): string {
  const current =
    s.current === 0
      ? "No current streak"
      : `**${s.current}-day streak**${s.today ? "" : " (answer today to keep it)"}`;
  return `${current} · longest ${s.longest} · ${s.daysLast30} of the last 30 days`;
}

export function progressEmbed(p: Progress, bank: QuestionBank, streaks?: Streaks): EmbedData {
  if (p.attempts === 0) {
    return fitEmbed({
      title: "Your progress",
      description: "No graded answers yet. Try `/practice` or `/interview start`.",
      color: COLORS.neutral,
    });
  }
  const practised = p.competencies.filter((c) => c.attempts > 0);
  const next = p.nextFocus;
  return fitEmbed({
    title: "Your progress",
    description: `${count(p.attempts, "graded answer")} in ${count(p.sessions, "interview")}.${streaks ? `\n${streakLine(streaks)}` : ""}${next ? `\n**Next focus:** ${next.competency ? (bank.competency(next.competency)?.name ?? next.competency) : "any"}, and work on ${next.criterion ? CRITERION_LABELS[next.criterion] : "–"}.` : ""}`,
    color: COLORS.neutral,
    fields: [
      {
        name: "Trend per criterion (oldest → newest)",
        value: CRITERIA.map(
          (c) => `${CRITERION_LABELS[c]}: ${spark(p.trend[c])} ${signed(p.direction[c])}`,
        ).join("\n"),
      },
      {
        name: "Competencies practised",
        value:
          practised.length === 0
            ? "–"
            : practised
                .map(
                  (c) =>
                    `${bank.competency(c.id)?.name ?? c.id}: ${count(c.attempts, "answer")}, ${c.average}/5`,
                )
                .join("\n"),
      },
    ],
  });
}
