import {
  ActionRowBuilder,
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

export const gradeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("grade")
    .setDescription("Grade any answer to any behavioral question"),

  async execute(interaction, ctx: BotContext) {
    await checkCooldown(ctx, interaction.user.id);
    const modal = new ModalBuilder()
      .setCustomId(encodeAction({ kind: "grade-submit" }))
      .setTitle("Grade an answer")
      .addComponents(
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder()
            .setCustomId(QUESTION_FIELD)
            .setLabel("The question")
            .setStyle(TextInputStyle.Short)
            .setMaxLength(QUESTION_MAX)
            .setRequired(true),
        ),
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder()
            .setCustomId(ANSWER_FIELD)
            .setLabel("Your answer")
            .setStyle(TextInputStyle.Paragraph)
            .setMaxLength(LIMITS.textInput)
            .setRequired(true),
        ),
      );
    await interaction.showModal(modal);
  },
};
