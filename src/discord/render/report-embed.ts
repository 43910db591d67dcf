import { escapeMarkdown } from "discord.js";
import { CRITERIA, CRITERION_LABELS } from "../../core/criteria.js";
import type { PostingFit, Progress, SessionReport } from "../../core/interview/report.js";
import { italicSpans } from "../../core/interview/story-use.js";
import type { Streaks } from "../../core/leaderboard/streaks.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import { count } from "../../core/text/plural.js";
import { type EmbedData, type EmbedField, fitEmbed, LIMITS, truncate } from "../limits.js";
import { COLORS, colorFor } from "./text.js";

const signed = (n: number | null) => (n === null ? "–" : `${n > 0 ? "+" : ""}${n.toFixed(1)}`);

/** A story's title in an embed: one line, markdown escaped, in italics. */
const storyTitle = (title: string) =>
  `*${escapeMarkdown(truncate(title.replace(/\s+/g, " ").trim(), TITLE_MAX))}*`;
const TITLE_MAX = 100;

/** A warning with its title escaped: the core marks the title in italics, the rest is plain. */
const warning = (text: string) =>
  italicSpans(text)
    .map((s) => (s.italic ? storyTitle(s.text) : escapeMarkdown(s.text)))
    .join("");

/** "Stories that fit: …" and "No story yet for: …", the second always whole, in one field value. */
function postingField(fit: PostingFit, bank: QuestionBank): EmbedField {
  const name = (id: string) => escapeMarkdown(bank.competency(id)?.name ?? id);
  const missing =
    fit.uncovered.length > 0
      ? `No story yet for: ${fit.uncovered.map(name).join(", ")}`
      : "Every competency it asks for most has a story.";
  const fits =
    fit.fits.length > 0
      ? fit.fits.map((f) => `${storyTitle(f.title)} (${f.competencies.map(name).join(", ")})`).join("; ")
      : "none yet";
  const room = LIMITS.fieldValue - Array.from(missing).length - 1;
  return { name: "For this posting", value: `${truncate(`Stories that fit: ${fits}`, room)}\n${missing}` };
}

export function reportEmbed(report: SessionReport, bank: QuestionBank): EmbedData {
  const fields: EmbedField[] = report.questions.map((q, i) => {
    const story = report.stories?.perQuestion[i];
    const text = bank.get(q.questionId)?.text ?? q.questionId;
    // A long question is what gets cut, never the story line under it.
    const storyLine = story ? `Story: ${storyTitle(story.title)}` : null;
    return {
      name: `${i + 1}. ${q.skipped ? "skipped" : q.overall === null ? "not answered" : `${q.overall}/5`}${q.improvement ? ` (${q.improvement > 0 ? "+" : ""}${q.improvement} on your first answer)` : ""}`,
      value: storyLine
        ? `${truncate(text, LIMITS.fieldValue - Array.from(storyLine).length - 1)}\n${storyLine}`
        : text,
    };
  });
  const warnings = report.stories?.warnings ?? [];
  if (warnings.length > 0) fields.push({ name: "Story reuse", value: warnings.map(warning).join("\n") });
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
  if (report.postingFit) fields.push(postingField(report.postingFit, bank));
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
