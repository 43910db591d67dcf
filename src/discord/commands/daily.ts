import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { slotOn } from "../../core/daily/due.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { fitEmbed } from "../limits.js";
import { COLORS } from "../render/text.js";
import { respond } from "../reply.js";
import type { SlashCommand } from "./command.js";
import { focusAutocomplete, focusOption, levelOption, parseFocus, parseLevel } from "./options.js";
import { requireManageGuild } from "./settings.js";

const DEFAULT_MINUTES = 720;

/** "9:30", "09:30" or "0930" → "09:30"; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2}):?(\d{2})\s*(?:utc)?\s*$/i.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The next time a schedule at `time` posts, counting from `now`; today's slot only if still ahead. */
function nextPost(time: string, now: Date): string {
  const today = slotOn(now.toISOString().slice(0, 10), time);
  if (today > now.toISOString()) return today;
  return slotOn(new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10), time);
}

export const dailyCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("daily")
    .setDescription("A question of the day, posted as a group round (Manage Server)")
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s
        .setName("set")
        .setDescription("Post a question every day at a UTC time")
        .addChannelOption((o) =>
          o
            .setName("channel")
            .setDescription("The text channel to post in")
            .addChannelTypes(ChannelType.GuildText)
            .setRequired(true),
        )
        .addStringOption((o) =>
          o
            .setName("time")
            .setDescription("Time of day in UTC, like 09:30")
            .setRequired(true)
            .setMaxLength(9),
        )
        .addStringOption(focusOption)
        .addStringOption(levelOption)
        .addIntegerOption((o) =>
          o
            .setName("minutes")
            .setDescription(`How long each round takes answers (default ${DEFAULT_MINUTES})`)
            .setMinValue(5)
            .setMaxValue(1440),
        ),
    )
    .addSubcommand((s) => s.setName("off").setDescription("Stop the daily question")),

  execute(interaction, ctx: BotContext) {
    return respond(interaction, async () => {
      const guildId = requireManageGuild(interaction, "the daily question");
      const now = ctx.now();
      if (interaction.options.getSubcommand() === "off") {
        const removed = await ctx.store.groups.deleteDaily(guildId);
        return {
          content: removed ? "The daily question is off." : "There was no daily question to turn off.",
        };
      }
      const typed = interaction.options.getString("time", true);
      const time = parseTime(typed);
      if (!time)
        throw new UserError(`"${typed.slice(0, 20)}" is not a time of day. Use 24-hour UTC, like 09:30.`);
      const channel = interaction.options.getChannel("channel", true, [ChannelType.GuildText]);
      const focus = parseFocus(interaction.options.getString("focus"), ctx)[0] ?? null;
      const levelText = interaction.options.getString("level");
      const level = levelText === null ? null : parseLevel(levelText, "entry");
      const minutes = interaction.options.getInteger("minutes") ?? DEFAULT_MINUTES;
      await ctx.store.groups.saveDaily({
        guildId,
        channelId: channel.id,
        time,
        focus,
        level,
        minutes,
        setBy: interaction.user.id,
        updatedAt: now.toISOString(),
      });
      const next = Math.floor(Date.parse(nextPost(time, now)) / 1000);
      const focusName = focus ? (ctx.content.bank.competency(focus)?.name ?? focus) : "a mix of competencies";
      return {
        embeds: [
          fitEmbed({
            title: "Daily question",
            description: [
              `Every day at **${time} UTC** in <#${channel.id}>: ${focusName}, ${level ?? "the server's default"} level.`,
              `Each round takes answers for ${minutes} minutes, then posts its summary.`,
              `Next: <t:${next}:F> (<t:${next}:R>).`,
            ].join("\n"),
            color: COLORS.neutral,
          }),
        ],
      };
    });
  },

  autocomplete: focusAutocomplete,
};
