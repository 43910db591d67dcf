import type { Question } from "../../core/questions/schema.js";
import { type EmbedData, fitEmbed } from "../limits.js";
import { COLORS } from "./text.js";

export function questionEmbed(
  question: Question,
  competencyName: string,
  position: { index: number; of: number } | null,
  level: string,
): EmbedData {
  return fitEmbed({
    title: position ? `Question ${position.index + 1} of ${position.of}` : "Practice question",
    description: question.text,
    color: COLORS.neutral,
    footer: {
      text: `${competencyName} · ${level} level · answer with Situation, Task, Action, Result and the numbers`,
    },
  });
}

export function followUpEmbed(text: string): EmbedData {
  return fitEmbed({ title: "Follow-up", description: text, color: COLORS.neutral });
}
