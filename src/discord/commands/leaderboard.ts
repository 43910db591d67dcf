import { escapeMarkdown, InteractionContextType, SlashCommandBuilder } from "discord.js";
import { LEADERBOARD_RULES } from "../../core/leaderboard/score.js";
import { count } from "../../core/text/plural.js";
import { guildBoard, PERIODS, type Period } from "../../sessions/leaderboard.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { fitEmbed, truncate } from "../limits.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";

const PERIOD_NAMES: Record<Period, string> = {
  week: "the last 7 days",
  month: "the last 30 days",
  all: "all time",
};

const r = LEADERBOARD_RULES;
const HOW = `Points: ${r.perAnswer} per answer (at most ${r.perDayCap} a day count), ${r.qualityPerPoint} per overall point, ${r.improvementPerPoint} per point of improvement over your earlier average, and ${r.perStreakDay} per day of your current streak (up to ${r.streakCap}).`;

export const leaderboardCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("leaderboard")
    .setDescription("This server's practice leaderboard (only members who opted in are shown)")
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName("period")
        .setDescription("Which period to rank (default: the last 7 days)")
        .addChoices(...(Object.keys(PERIODS) as Period[]).map((p) => ({ name: PERIOD_NAMES[p], value: p }))),
    ),

  async execute(interaction, ctx: BotContext) {
    if (!interaction.inGuild()) throw new UserError("Leaderboards belong to a server: use this in one.");
    const period = (interaction.options.getString("period") ?? "week") as Period;
    if (!(period in PERIODS)) throw new UserError("Pick a period from the list.");
    await interaction.deferReply();
    const board = await guildBoard(ctx.store, interaction.guildId, period, interaction.user.id, ctx.now());
    const lines = board.rows.map(
      (row) =>
        `**${row.rank}.** ${escapeMarkdown(truncate(row.name, 40))}: **${row.points}** pts · ${count(row.answers, "answer")} on ${count(row.days, "day")} · avg ${row.average}/5${row.improvement > 0 ? ` · +${row.improvement} improvement` : ""}${row.streak > 1 ? ` · ${row.streak}-day streak` : ""}`,
    );
    const description =
      lines.length > 0
        ? lines.join("\n")
        : "Nobody who opted in has practised here in this period. Opt in with `/settings me public:true`.";
    await interaction.editReply({
      embeds: [
        fitEmbed({
          title: `Leaderboard: ${PERIOD_NAMES[period]}`,
          description: `${description}${board.hidden > 0 ? `\n\n${board.hidden} more practised here without opting in to be shown.` : ""}`,
          color: COLORS.neutral,
          footer: { text: HOW },
        }),
      ],
      allowedMentions: NO_MENTIONS,
    });
    const me = board.me;
    if (me && (me.rank === null || me.rank > board.rows.length)) {
      await interaction.followUp({
        content:
          me.rank === null
            ? `You have ${me.points} points for ${PERIOD_NAMES[period]} but are not shown: opt in with \`/settings me public:true\`.`
            : `You are number ${me.rank} with ${me.points} points for ${PERIOD_NAMES[period]}.`,
        flags: EPHEMERAL,
        allowedMentions: NO_MENTIONS,
      });
    }
  },
};
