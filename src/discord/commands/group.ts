import { ChannelType, InteractionContextType, SlashCommandBuilder } from "discord.js";
import { closeForUser } from "../components/group-handlers.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { startRound } from "../group/post.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";
import {
  defaultLevel,
  focusAutocomplete,
  focusOption,
  levelOption,
  parseFocus,
  parseLevel,
} from "./options.js";

export const ROUND_MINUTES = { min: 5, max: 1440, default: 30 } as const;
/** Between two rounds started by the same user: no flood of threads from one member. */
const START_COOLDOWN_SECONDS = 60;

export const groupCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("group")
    .setDescription("Study-group rounds: everyone answers the same question in a thread")
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("start")
        .setDescription("Start a round in this channel")
        .addStringOption(focusOption)
        .addStringOption(levelOption)
        .addIntegerOption((o) =>
          o
            .setName("minutes")
            .setDescription(`How long the round takes answers (default ${ROUND_MINUTES.default})`)
            .setMinValue(ROUND_MINUTES.min)
            .setMaxValue(ROUND_MINUTES.max),
        ),
    )
    .addSubcommand((s) =>
      s.setName("close").setDescription("Close the round now and post its summary (starter or moderator)"),
    ),

  async execute(interaction, ctx: BotContext) {
    if (!interaction.inGuild()) throw new UserError("Group rounds run in a server channel.");
    if (interaction.options.getSubcommand() === "close") {
      const open = await ctx.groups.openRounds(interaction.guildId);
      // In a round's thread that round; in a channel the newest round started there.
      const round =
        open.find((r) => r.threadId === interaction.channelId) ??
        open.find((r) => r.channelId === interaction.channelId);
      if (!round) throw new UserError("There is no open round here. Use this in the round's thread.");
      await closeForUser(interaction, ctx, round);
      return;
    }
    if (interaction.channel?.type !== ChannelType.GuildText)
      throw new UserError("Start a round in a text channel: the question goes into a new thread there.");
    // Posting a round is several requests to Discord's bot routes (rate limited per channel): deferred
    // first, and the store is read and the cooldown taken after that.
    await interaction.deferReply({ flags: EPHEMERAL });
    const level = parseLevel(
      interaction.options.getString("level"),
      await defaultLevel(interaction.guildId, ctx),
    );
    const competencies = parseFocus(interaction.options.getString("focus"), ctx);
    // One group round per channel at a time keeps a study channel readable (the daily one aside).
    const running = (await ctx.groups.openRounds(interaction.guildId)).find(
      (r) =>
        r.channelId === interaction.channelId && r.source === "group" && r.closesAt > ctx.now().toISOString(),
    );
    if (running)
      throw new UserError(
        `A round is already open in this channel: answer in <#${running.threadId ?? running.channelId}>, or close it with \`/group close\` there.`,
      );
    const taken = await ctx.store.takeCooldown(
      interaction.user.id,
      "group-start",
      ctx.now().toISOString(),
      START_COOLDOWN_SECONDS,
    );
    if (!taken.ok)
      throw new UserError(`You started a round a moment ago: try again in ${taken.retryAfterSec} s.`);
    const posted = await startRound(interaction.client, ctx, {
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      startedBy: interaction.user.id,
      source: "group",
      level,
      competencies,
      minutes: interaction.options.getInteger("minutes") ?? ROUND_MINUTES.default,
    });
    await interaction.editReply({
      content: `Round started in <#${posted.threadId}>. It closes <t:${Math.floor(Date.parse(posted.closesAt) / 1000)}:R>.`,
      allowedMentions: NO_MENTIONS,
    });
  },

  autocomplete: focusAutocomplete,
};
