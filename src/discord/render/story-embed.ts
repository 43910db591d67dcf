import { escapeMarkdown } from "discord.js";
import { CRITERIA, CRITERION_LABELS } from "../../core/criteria.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import { thousands } from "../../core/text/plural.js";
import type { StoryRecord } from "../../store/records.js";
import { type EmbedData, type EmbedField, fitEmbed, truncate } from "../limits.js";
import { colorFor, scoreBar } from "./text.js";

/** The story text shown in `/story show`: room left for the grade in the embed's 6,000 characters. */
const SHOWN_TEXT = 3_000;
const TOP_TIPS = 3;

/** "●●●○○ 3/5": a story's overall grade. */
export function overallBar(overall: number): string {
  const n = Math.max(0, Math.min(5, overall));
  return `${"●".repeat(n)}${"○".repeat(5 - n)} ${n}/5`;
}

/** A user's text inside an embed: markdown escaped, shortened to `max`. */
export const plain = (text: string, max: number): string =>
  truncate(escapeMarkdown(truncate(text, max)), max);

/** The competencies' names, as the bank calls them. */
export function competencyNames(ids: readonly string[], bank: Pick<QuestionBank, "competency">): string {
  if (ids.length === 0) return "none detected: set them with `/story edit competencies:`";
  return ids.map((id) => bank.competency(id)?.name ?? id).join(", ");
}

/**
 * A story in the bank: its competencies, level, overall grade and top tips; with `full`, also its text
 * and a score per criterion (`/story show`).
 */
export function storyEmbed(
  story: StoryRecord,
  bank: Pick<QuestionBank, "competency">,
  options: { heading: string; full: boolean },
): EmbedData {
  const { grade } = story;
  const fields: EmbedField[] = [
    { name: "Competencies", value: competencyNames(story.competencies, bank) },
    { name: "Level", value: story.level, inline: true },
    { name: "Overall", value: overallBar(grade.overall), inline: true },
  ];
  if (options.full)
    fields.push({
      name: "Grade per criterion",
      value: CRITERIA.map(
        (c) => `${CRITERION_LABELS[c]} ${scoreBar(grade.criteria[c].score)} ${grade.criteria[c].score}/4`,
      ).join("\n"),
    });
  const tips = grade.tips.slice(0, options.full ? grade.tips.length : TOP_TIPS);
  if (tips.length > 0) fields.push({ name: "Tips", value: tips.map((t) => `• ${t}`).join("\n") });
  const cut = Array.from(story.text).length > SHOWN_TEXT;
  const text = options.full
    ? [
        plain(story.text, SHOWN_TEXT),
        ...(cut ? [`*(shortened here: the story has ${thousands(story.text.length)} characters)*`] : []),
      ].join("\n")
    : undefined;
  return fitEmbed({
    title: `${options.heading}: ${truncate(story.title, 200)}`,
    ...(text !== undefined ? { description: text } : {}),
    color: colorFor(grade.overall),
    fields,
    footer: { text: `Story ${shortId(story.id)} · graded offline` },
  });
}

/** The first characters of a story's id: enough to tell stories apart in a list. */
export const shortId = (id: string): string => id.slice(0, 8);
