import { escapeMarkdown } from "discord.js";
import type { StarPart } from "../../core/evidence/types.js";
import type { RestructuredPart } from "../../core/feedback/restructure.js";
import { type FoundModelAnswer, MODEL_ANSWER_PARTS } from "../../core/questions/model-answers.js";
import { type EmbedData, fitEmbed, truncate } from "../limits.js";
import { COLORS } from "./text.js";

const NAMES: Record<StarPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};
// Two embeds share one message's 6,000 characters: the model answer (at most 250 words) keeps its room.
const PART_MAX = 700;

/** The user's own answer in STAR order, a field per part, placeholders in italics. */
export function restructuredEmbed(parts: readonly RestructuredPart[]): EmbedData {
  return fitEmbed({
    title: "Your answer, restructured",
    description:
      "Your own sentences in Situation, Task, Action, Result order. The brackets say what is missing: fill them from your story.",
    color: COLORS.neutral,
    fields: parts.map((p) => ({
      name: NAMES[p.part],
      value: [
        ...(p.sentences.length > 0 ? [escapeMarkdown(truncate(p.sentences.join(" "), PART_MAX))] : []),
        ...(p.placeholder ? [`*${escapeMarkdown(p.placeholder)}*`] : []),
      ].join("\n"),
    })),
  });
}

/** The team's model answer, each part labelled. */
export function modelAnswerEmbed(found: FoundModelAnswer | undefined, competencyName: string): EmbedData {
  if (!found)
    return fitEmbed({
      title: "A strong answer",
      description: `No model answer is written for ${competencyName} yet.`,
      color: COLORS.neutral,
    });
  const about = found.sameQuestion ? "for this question" : `for another ${competencyName} question`;
  const lines = MODEL_ANSWER_PARTS.map((part) => `**${NAMES[part]}.** ${escapeMarkdown(found.answer[part])}`);
  return fitEmbed({
    title: `A strong answer ${about} (${found.answer.level} level)`,
    description: [...(found.sameQuestion ? [] : [`*${escapeMarkdown(found.question.text)}*`]), ...lines].join(
      "\n\n",
    ),
    color: COLORS.high,
  });
}
