import { SlashCommandBuilder } from "discord.js";
import { deliveryTrendLines } from "../../core/delivery/trend.js";
import { CHART_FILE, progressChart } from "../chart-attachment.js";
import type { BotContext } from "../context.js";
import { fitEmbed } from "../limits.js";
import { progressEmbed } from "../render/report-embed.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";

export const progressCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("progress")
    .setDescription("Your history: averages per criterion, trend, weakest competency, next focus"),
  async execute(interaction, ctx: BotContext) {
    await interaction.deferReply({ flags: EPHEMERAL });
    const [progress, streaks, delivery] = await Promise.all([
      ctx.sessions.progress(interaction.user.id),
      ctx.sessions.streaks(interaction.user.id),
      ctx.sessions.deliveryTrend(interaction.user.id),
    ]);
    const base = progressEmbed(progress, ctx.content.bank, streaks);
    const embed = delivery
      ? fitEmbed({
          ...base,
          fields: [
            ...(base.fields ?? []),
            { name: "Speaking (voice answers)", value: deliveryTrendLines(delivery).join("\n") },
          ],
        })
      : base;
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
