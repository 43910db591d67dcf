import { escapeMarkdown } from "discord.js";
import type { Question } from "../../core/questions/schema.js";
import { type EmbedData, fitEmbed, truncate } from "../limits.js";
import { COLORS } from "./text.js";

/** A reason's length at most, as the session stores it. */
const REASON_MAX = 300;

/** A question; with a reason, why it was chosen under it (a job posting's words, markdown escaped). */
export function questionEmbed(
  question: Question,
  competencyName: string,
  position: { index: number; of: number } | null,
  level: string,
  reason: string | null = null,
): EmbedData {
  const why = reason ? `\n\n*Why this question: ${escapeMarkdown(truncate(reason, REASON_MAX))}*` : "";
  return fitEmbed({
    title: position ? `Question ${position.index + 1} of ${position.of}` : "Practice question",
    description: `${question.text}${why}`,
    color: COLORS.neutral,
    footer: {
      text: `${competencyName} · ${level} level · answer with Situation, Task, Action, Result and the numbers`,
    },
  });
}

export function followUpEmbed(text: string): EmbedData {
  return fitEmbed({ title: "Follow-up", description: text, color: COLORS.neutral });
}
