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
import { gradeAudio } from "../voice/grade-audio.js";
import type { SlashCommand } from "./command.js";

export const QUESTION_FIELD = "question";
export const ANSWER_FIELD = "answer";
export const QUESTION_MAX = 300;

/** The /grade form: a question (prefilled when the command named one) and an answer to it. */
export function gradeModal(question: string | null = null): ModalBuilder {
  const questionInput = new TextInputBuilder()
    .setCustomId(QUESTION_FIELD)
    .setStyle(TextInputStyle.Short)
    .setMaxLength(QUESTION_MAX)
    .setRequired(true);
  if (question) questionInput.setValue(question);
  return new ModalBuilder()
    .setCustomId(encodeAction({ kind: "grade-submit" }))
    .setTitle("Grade an answer")
    .addLabelComponents(
      new LabelBuilder().setLabel("The question").setTextInputComponent(questionInput),
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
    .setDescription("Grade any answer to any behavioral question")
    .addAttachmentOption((o) =>
      o
        .setName("audio")
        .setDescription("Your answer out loud: a voice memo or audio file (ogg, m4a, mp3, wav, webm)"),
    )
    .addStringOption((o) =>
      o
        .setName("question")
        .setDescription("The question you answered (its text, or a question id)")
        .setMaxLength(QUESTION_MAX),
    ),

  async execute(interaction, ctx: BotContext) {
    if (interaction.options.getAttachment("audio")) return gradeAudio(interaction, ctx);
    await checkCooldown(ctx, interaction.user.id);
    await interaction.showModal(gradeModal(interaction.options.getString("question")));
  },
};
