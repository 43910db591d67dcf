import {
  ComponentType,
  LabelBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { type Action, encodeAction } from "../custom-ids.js";
import { fieldWithin } from "../inbound.js";
import { LIMITS, truncate } from "../limits.js";

const FREE = "answer";
const PARTS = [
  ["situation", "Situation", "Where, when, what was wrong"],
  ["task", "Task", "What you had to achieve"],
  ["action", "Action", "What you did, step by step"],
  ["result", "Result", "What changed, in numbers"],
] as const;
/** Four fields share the 4,000 characters an answer may have. */
const PART_MAX = 1000;

/**
 * The answer modal: one long field, or four (Situation, Task, Action, Result) for beginners. `prefill`
 * starts the long field with text (a story from the bank), when it fits.
 */
export function answerModal(
  title: string,
  submit: Action,
  structured: boolean,
  prompt: string,
  prefill?: string,
): ModalBuilder {
  const modal = new ModalBuilder()
    .setCustomId(encodeAction(submit))
    .setTitle(truncate(title, LIMITS.modalTitle));
  if (!structured) {
    const input = new TextInputBuilder()
      .setCustomId(FREE)
      .setStyle(TextInputStyle.Paragraph)
      .setPlaceholder(truncate(prompt, 100))
      .setMinLength(1)
      .setMaxLength(LIMITS.textInput)
      .setRequired(true);
    if (prefill && Array.from(prefill).length <= LIMITS.textInput) input.setValue(prefill);
    return modal.addLabelComponents(new LabelBuilder().setLabel("Your answer").setTextInputComponent(input));
  }
  return modal.addLabelComponents(
    ...PARTS.map(([id, label, description]) =>
      new LabelBuilder()
        .setLabel(label)
        .setDescription(description)
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(id)
            .setStyle(TextInputStyle.Paragraph)
            .setMaxLength(PART_MAX)
            .setRequired(id === "action"),
        ),
    ),
  );
}

/**
 * The answer text from either form of the modal; the four parts become "S: … T: … A: … R: …" lines.
 * Each field is held to the limit the modal set for it (a modified client can send more).
 */
export function answerText(interaction: ModalSubmitInteraction, structured: boolean): string {
  if (!structured) return fieldWithin(interaction, FREE, LIMITS.textInput);
  return PARTS.map(([id]) => [id, fieldWithin(interaction, id, PART_MAX).trim()] as const)
    .filter(([, v]) => v.length > 0)
    .map(([id, v]) => `${id[0]?.toUpperCase()}: ${v}`)
    .join("\n");
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  answer: "Answer",
  question: "Question",
  ...Object.fromEntries(PARTS.map(([id]) => [id, `${id[0]?.toUpperCase()}${id.slice(1)}`])),
};

/** Everything typed into a submitted form, to hand back to the user when it may not have been saved. */
export function typedText(interaction: ModalSubmitInteraction): string {
  const filled = [...interaction.fields.fields.values()].flatMap((f) =>
    f.type === ComponentType.TextInput && f.value.trim().length > 0 ? [f] : [],
  );
  if (filled.length === 1 && filled[0]) return filled[0].value;
  return filled.map((f) => `${FIELD_NAMES[f.customId] ?? f.customId}: ${f.value}`).join("\n\n");
}
