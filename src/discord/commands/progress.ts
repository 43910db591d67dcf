import { SlashCommandBuilder } from "discord.js";
import { CHART_FILE, progressChart } from "../chart-attachment.js";
import type { BotContext } from "../context.js";
import { progressEmbed } from "../render/report-embed.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";

export const progressCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("progress")
    .setDescription("Your history: averages per criterion, trend, weakest competency, next focus"),
  async execute(interaction, ctx: BotContext) {
    await interaction.deferReply({ flags: EPHEMERAL });
    const progress = await ctx.sessions.progress(interaction.user.id);
    const embed = progressEmbed(progress, ctx.content.bank, await ctx.sessions.streaks(interaction.user.id));
    if (progress.attempts === 0) {
      await interaction.editReply({ embeds: [embed], allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.editReply({
      embeds: [{ ...embed, image: { url: `attachment://${CHART_FILE}` } }],
      files: [await progressChart(progress)],
      allowedMentions: NO_MENTIONS,
    });
  },
};
