import {
  ActionRowBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { type Action, encodeAction } from "../custom-ids.js";
import { LIMITS, truncate } from "../limits.js";

const FREE = "answer";
const PARTS = [
  ["situation", "Situation: where, when, what was wrong"],
  ["task", "Task: what you had to achieve"],
  ["action", "Action: what you did, step by step"],
  ["result", "Result: what changed, in numbers"],
] as const;
/** Four fields share the 4,000 characters an answer may have. */
const PART_MAX = 1000;

/** The answer modal: one long field, or four (Situation, Task, Action, Result) for beginners. */
export function answerModal(
  title: string,
  submit: Action,
  structured: boolean,
  prompt: string,
): ModalBuilder {
  const modal = new ModalBuilder()
    .setCustomId(encodeAction(submit))
    .setTitle(truncate(title, LIMITS.modalTitle));
  if (!structured) {
    const input = new TextInputBuilder()
      .setCustomId(FREE)
      .setLabel("Your answer")
      .setStyle(TextInputStyle.Paragraph)
      .setPlaceholder(truncate(prompt, 100))
      .setMinLength(1)
      .setMaxLength(LIMITS.textInput)
      .setRequired(true);
    return modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
  }
  return modal.addComponents(
    ...PARTS.map(([id, label]) =>
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId(id)
          .setLabel(label)
          .setStyle(TextInputStyle.Paragraph)
          .setMaxLength(PART_MAX)
          .setRequired(id === "action"),
      ),
    ),
  );
}

/** The answer text from either form of the modal; the four parts become "S: … T: … A: … R: …" lines. */
export function answerText(interaction: ModalSubmitInteraction, structured: boolean): string {
  if (!structured) return interaction.fields.getTextInputValue(FREE);
  return PARTS.map(([id]) => [id, interaction.fields.getTextInputValue(id).trim()] as const)
    .filter(([, v]) => v.length > 0)
    .map(([id, v]) => `${id[0]?.toUpperCase()}: ${v}`)
    .join("\n");
}
