import {
  LabelBuilder,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import { encodeAction } from "../custom-ids.js";
import { LIMITS } from "../limits.js";
import type { SlashCommand } from "./command.js";

export const QUESTION_FIELD = "question";
export const ANSWER_FIELD = "answer";
export const QUESTION_MAX = 300;

/** The /grade form: a question and an answer to it. */
export function gradeModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(encodeAction({ kind: "grade-submit" }))
    .setTitle("Grade an answer")
    .addLabelComponents(
      new LabelBuilder()
        .setLabel("The question")
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(QUESTION_FIELD)
            .setStyle(TextInputStyle.Short)
            .setMaxLength(QUESTION_MAX)
            .setRequired(true),
        ),
      new LabelBuilder()
        .setLabel("Your answer")
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(ANSWER_FIELD)
            .setStyle(TextInputStyle.Paragraph)
            .setMaxLength(LIMITS.textInput)
            .setRequired(true),
        ),
    );
}

export const gradeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("grade")
    .setDescription("Grade any answer to any behavioral question"),

  async execute(interaction, ctx: BotContext) {
    await checkCooldown(ctx, interaction.user.id);
    await interaction.showModal(gradeModal());
  },
};
