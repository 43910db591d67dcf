import { SlashCommandBuilder } from "discord.js";
import { MAX_QUESTIONS } from "../../core/interview/types.js";
import { progressChart } from "../chart-attachment.js";
import { button, row } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { outcomeView, stateView } from "../interview-view.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";
import { focusAutocomplete, focusOption, levelOption, practiceChoices } from "./options.js";

const DEFAULT_QUESTIONS = 3;

/** A stored session this version cannot read (damaged, or from another version) is closed, not a lock. */
const UNREADABLE_NOTICE =
  "Your previous interview could not be read, so it was closed. The answers you gave in it are kept (`/mydata export`).";

export const interviewCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("interview")
    .setDescription("A private mock interview: questions, feedback, follow-ups and a report")
    .addSubcommand((s) =>
      s
        .setName("start")
        .setDescription("Start a mock interview")
        .addStringOption(levelOption)
        .addStringOption(focusOption)
        .addIntegerOption((o) =>
          o
            .setName("questions")
            .setDescription("How many questions (1-10)")
            .setMinValue(1)
            .setMaxValue(MAX_QUESTIONS),
        )
        .addBooleanOption((o) => o.setName("followups").setDescription("Ask follow-up probes (default: yes)"))
        .addBooleanOption((o) =>
          o.setName("structured").setDescription("Answer in four fields: Situation, Task, Action, Result"),
        ),
    )
    .addSubcommand((s) => s.setName("resume").setDescription("Carry on with your unfinished interview"))
    .addSubcommand((s) => s.setName("end").setDescription("End your interview now and see the report")),

  async execute(interaction, ctx: BotContext) {
    const userId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    await interaction.deferReply({ flags: EPHEMERAL });
    let unreadable = false;
    const onUnreadable = () => {
      unreadable = true;
    };
    if (sub === "start") {
      const open = await ctx.sessions.open(userId, { onUnreadable });
      if (open) {
        await interaction.editReply({
          embeds: [
            {
              description: `You have an unfinished interview (question ${open.index + 1} of ${open.items.length}). Resume it, or end it to start a new one.`,
              color: COLORS.mid,
            },
          ],
          components: [
            row(
              button("Resume", { kind: "iv-resume", sessionId: open.id }),
              button("End it", { kind: "iv-end", sessionId: open.id }),
            ),
          ],
          allowedMentions: NO_MENTIONS,
        });
        return;
      }
      const { level, competencies, structured } = await practiceChoices(interaction, ctx);
      let outcome: Awaited<ReturnType<typeof ctx.sessions.start>>;
      try {
        outcome = await ctx.sessions.start(
          userId,
          {
            level,
            competencies,
            questionCount: interaction.options.getInteger("questions") ?? DEFAULT_QUESTIONS,
            followUps: interaction.options.getBoolean("followups") ?? true,
            answerTimeLimitSec: null,
          },
          interaction.user.username,
        );
      } catch (err) {
        if (err instanceof RangeError)
          throw new UserError(
            "No questions match that level and focus. Try another focus, or leave it empty.",
          );
        throw err;
      }
      await interaction.editReply({ ...outcomeView(ctx, outcome, structured), allowedMentions: NO_MENTIONS });
      if (unreadable)
        await interaction.followUp({
          content: UNREADABLE_NOTICE,
          flags: EPHEMERAL,
          allowedMentions: NO_MENTIONS,
        });
      return;
    }
    const open = await ctx.sessions.open(userId, { onUnreadable });
    if (!open)
      throw new UserError(
        unreadable
          ? `${UNREADABLE_NOTICE} Start a new one with \`/interview start\`.`
          : "You have no unfinished interview. Start one with `/interview start`.",
      );
    if (sub === "resume") {
      const outcome = await ctx.sessions.resume(open.id, userId);
      await interaction.editReply({
        ...(outcome.error ? outcomeView(ctx, outcome) : stateView(ctx, outcome.state)),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    const ended = await ctx.sessions.end(open.id, userId);
    const files = ended.report
      ? [progressChart(await ctx.sessions.progress(userId), ended.report.criteria)]
      : [];
    await interaction.editReply({ ...outcomeView(ctx, ended), files, allowedMentions: NO_MENTIONS });
  },

  autocomplete: focusAutocomplete,
};
