import { type ChatInputCommandInteraction, SlashCommandBuilder } from "discord.js";
import { MAX_QUESTIONS } from "../../core/interview/types.js";
import { progressChart } from "../chart-attachment.js";
import { postingModal } from "../components/posting-modal.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { outcomeView, stateView, unfinishedView } from "../interview-view.js";
import { EPHEMERAL, NO_MENTIONS, respond } from "../reply.js";
import type { SlashCommand } from "./command.js";
import { focusAutocomplete, focusOption, levelOption, parseLevel, practiceChoices } from "./options.js";

const DEFAULT_QUESTIONS = 3;

/** A stored session this version cannot read (damaged, or from another version) is closed, not a lock. */
const UNREADABLE_NOTICE =
  "Your previous interview could not be read, so it was closed. The answers you gave in it are kept (`/mydata export`).";

/** `/interview start posting:true`: the form for the posting, its choices in the form's custom id. */
async function openPostingForm(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { options } = interaction;
  if (options.getString("focus") !== null)
    throw new UserError("Choose a focus or a job posting, not both: the posting chooses the competencies.");
  const open = await ctx.sessions.open(interaction.user.id);
  if (open) {
    const view = unfinishedView(open.id, open.index, open.items.length);
    await interaction.reply({ ...view, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
    return;
  }
  const level = options.getString("level");
  await interaction.showModal(
    postingModal({
      kind: "iv-posting",
      // Null: the posting's own level.
      level: level === null ? null : parseLevel(level, ctx.config.DEFAULT_LEVEL),
      questions: options.getInteger("questions") ?? DEFAULT_QUESTIONS,
      followUps: options.getBoolean("followups") ?? true,
      structured: options.getBoolean("structured") ?? false,
    }),
  );
}

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
        )
        .addBooleanOption((o) =>
          o
            .setName("posting")
            .setDescription("Practise for a job posting: paste it in a form (read once, never stored)"),
        ),
    )
    .addSubcommand((s) => s.setName("resume").setDescription("Carry on with your unfinished interview"))
    .addSubcommand((s) => s.setName("end").setDescription("End your interview now and see the report")),

  async execute(interaction, ctx: BotContext) {
    const userId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    if (sub === "start" && interaction.options.getBoolean("posting"))
      return openPostingForm(interaction, ctx);
    let unreadable = false;
    const onUnreadable = () => {
      unreadable = true;
    };
    // Starting, resuming and ending take milliseconds: answered directly. Only a report's chart defers.
    let started = false;
    await respond(interaction, async (slow) => {
      if (sub === "start") {
        const open = await ctx.sessions.open(userId, { onUnreadable });
        if (open) return unfinishedView(open.id, open.index, open.items.length);
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
            null,
            interaction.guildId,
          );
        } catch (err) {
          if (err instanceof RangeError)
            throw new UserError(
              "No questions match that level and focus. Try another focus, or leave it empty.",
            );
          throw err;
        }
        started = true;
        return outcomeView(ctx, outcome, structured);
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
        return outcome.error ? outcomeView(ctx, outcome) : stateView(ctx, outcome.state);
      }
      const ended = await ctx.sessions.end(open.id, userId);
      if (!ended.report) return outcomeView(ctx, ended);
      await slow();
      const chart = await progressChart(await ctx.sessions.progress(userId), ended.report.criteria);
      return { ...outcomeView(ctx, ended), files: [chart] };
    });
    if (started && unreadable)
      await interaction.followUp({
        content: UNREADABLE_NOTICE,
        flags: EPHEMERAL,
        allowedMentions: NO_MENTIONS,
      });
  },

  autocomplete: focusAutocomplete,
};
