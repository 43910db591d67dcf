import type { Question } from "../../core/questions/schema.js";
import type { StoryRecord } from "../../store/records.js";
import { type EmbedData, fitEmbed, LIMITS } from "../limits.js";
import { plain } from "./story-embed.js";
import { COLORS } from "./text.js";

export const GAPS_HEADING = "What this question needs that your story does not have yet:";

/** "Practise a story": the question, what the story still lacks for it, how the answer form starts. */
export function practiseEmbed(view: {
  story: StoryRecord;
  question: Question;
  competencyName: string;
  gaps: readonly string[];
  /** Whether the answer form starts with the story (it fits in one form field). */
  prefilled: boolean;
}): EmbedData {
  const gaps =
    view.gaps.length > 0
      ? view.gaps.map((g) => `• ${g}`).join("\n")
      : "Nothing: the story already tells what this question asks. Practise telling it to this question.";
  const start = view.prefilled
    ? "**Answer** opens the form with your story in it: bend it to the question, fill the gaps, and submit."
    : `Your story is longer than an answer form holds (${LIMITS.textInput.toLocaleString("en-US")} characters), so the form starts empty: tell a shorter version.`;
  return fitEmbed({
    title: `Practise “${plain(view.story.title, 100)}”`,
    description: `**${view.question.text}**\n\n${start}`,
    color: COLORS.neutral,
    fields: [{ name: GAPS_HEADING, value: gaps }],
    footer: { text: `${view.competencyName} · ${view.story.level} level` },
  });
}
