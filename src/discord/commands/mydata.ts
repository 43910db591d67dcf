import { AttachmentBuilder, ButtonStyle, SlashCommandBuilder } from "discord.js";
import { count } from "../../core/text/plural.js";
import { button, row } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";

export const mydataCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("mydata")
    .setDescription("Your stored data")
    .addSubcommand((s) => s.setName("export").setDescription("Download everything stored about you, as JSON"))
    .addSubcommand((s) => s.setName("delete").setDescription("Delete everything stored about you")),
  async execute(interaction, ctx: BotContext) {
    const userId = interaction.user.id;
    if (interaction.options.getSubcommand() === "export") {
      await interaction.deferReply({ flags: EPHEMERAL });
      const data = await ctx.store.exportUser(userId, ctx.now().toISOString());
      const file = new AttachmentBuilder(Buffer.from(JSON.stringify(data, null, 2)), {
        name: "star-coach-data.json",
      });
      await interaction.editReply({
        content: `Your data: ${count(data.attempts.length, "answer")} and ${count(data.sessions.length, "interview")}${data.stories.length > 0 ? `, with ${count(data.stories.length, "story", "stories")} from your story bank` : ""}.`,
        files: [file],
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    await interaction.reply({
      embeds: [
        {
          description:
            "This deletes all your answers, interviews, stories and settings, and cannot be undone.",
          color: COLORS.low,
        },
      ],
      components: [row(button("Delete everything", { kind: "mydata-delete", userId }, ButtonStyle.Danger))],
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
  },
};
