import { type ChatInputCommandInteraction, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { GuildSettingsSchema } from "../../store/records.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { fitEmbed } from "../limits.js";
import { COLORS } from "../render/text.js";
import { respond } from "../reply.js";
import type { SlashCommand } from "./command.js";
import { levelOption, parseLevel } from "./options.js";

/**
 * The server id, when the member may manage the server. Checked here as well as by Discord's default
 * permissions, which any admin can change.
 */
export function requireManageGuild(interaction: ChatInputCommandInteraction, what: string): string {
  if (!interaction.inGuild() || !interaction.guildId)
    throw new UserError(`You can change ${what} only in a server.`);
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new UserError(`You need the Manage Server permission to change ${what}.`);
  return interaction.guildId;
}

export const settingsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("settings")
    .setDescription("Your settings, or this server's")
    .addSubcommand((s) =>
      s
        .setName("me")
        .setDescription("Your own settings")
        .addBooleanOption((o) =>
          o.setName("public").setDescription("Show me on leaderboards and name me in group summaries"),
        )
        .addStringOption((o) => levelOption(o).setDescription("Your default level")),
    )
    .addSubcommand((s) =>
      s
        .setName("server")
        .setDescription("This server's settings (Manage Server)")
        .addStringOption((o) => levelOption(o).setDescription("The server's default level"))
        .addBooleanOption((o) => o.setName("llm").setDescription("Grade with the LLM when the bot has a key"))
        .addIntegerOption((o) =>
          o
            .setName("llm_daily_tokens")
            .setDescription("LLM tokens the server may use per day (0: no server limit)")
            .setMinValue(0),
        )
        .addStringOption((o) =>
          o
            .setName("group_feedback")
            .setDescription(
              "In group rounds: feedback to each participant only, or scores posted in the thread",
            )
            .addChoices({ name: "private", value: "private" }, { name: "public", value: "public" }),
        )
        .addIntegerOption((o) =>
          o
            .setName("retention_days")
            .setDescription("Delete answers given in this server after this many days (0: keep)")
            .setMinValue(0)
            .setMaxValue(3650),
        ),
    ),

  execute(interaction, ctx: BotContext) {
    return respond(interaction, async () => {
      const now = ctx.now().toISOString();
      if (interaction.options.getSubcommand() === "me") {
        await ctx.store.ensureUser(interaction.user.id, interaction.user.username, now);
        const current = (await ctx.store.getUser(interaction.user.id))?.settings ?? {
          public: false,
          defaultLevel: null,
        };
        const level = interaction.options.getString("level");
        const next = {
          public: interaction.options.getBoolean("public") ?? current.public,
          defaultLevel: level === null ? current.defaultLevel : parseLevel(level, "entry"),
        };
        await ctx.store.saveUserSettings(interaction.user.id, next);
        return {
          embeds: [
            fitEmbed({
              title: "Your settings",
              description: `Public: **${next.public ? "yes" : "no"}**\nDefault level: **${next.defaultLevel ?? "server default"}**`,
              color: COLORS.neutral,
            }),
          ],
        };
      }
      const guildId = requireManageGuild(interaction, "this server's settings");
      const current = await ctx.store.getGuildSettings(guildId);
      const level = interaction.options.getString("level");
      const next = GuildSettingsSchema.parse({
        defaultLevel: level === null ? current.defaultLevel : parseLevel(level, "entry"),
        llmGrading: interaction.options.getBoolean("llm") ?? current.llmGrading,
        dailyLlmTokens: interaction.options.getInteger("llm_daily_tokens") ?? current.dailyLlmTokens,
        groupFeedback: interaction.options.getString("group_feedback") ?? current.groupFeedback,
        retentionDays: interaction.options.getInteger("retention_days") ?? current.retentionDays,
      });
      await ctx.store.saveGuildSettings(guildId, next, now);
      return {
        embeds: [
          fitEmbed({
            title: "Server settings",
            description: [
              `Default level: **${next.defaultLevel ?? ctx.config.DEFAULT_LEVEL}**`,
              `LLM grading: **${next.llmGrading ? "on" : "off"}**`,
              `LLM tokens per day: **${next.dailyLlmTokens === 0 ? "no server limit" : next.dailyLlmTokens}**`,
              `Group feedback: **${next.groupFeedback}**${next.groupFeedback === "public" ? " (scores and notes posted in the round's thread; never answers)" : " (each participant sees their own)"}`,
              `Answers given here are kept: **${next.retentionDays === 0 ? "until their authors delete them" : `${next.retentionDays} days`}**`,
            ].join("\n"),
            color: COLORS.neutral,
          }),
        ],
      };
    });
  },
};
