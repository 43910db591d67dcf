import { type ButtonInteraction, ButtonStyle, type ModalSubmitInteraction } from "discord.js";
import type { Grade } from "../../core/grading/types.js";
import { count } from "../../core/text/plural.js";
import { gradesOffline } from "../../llm/select.js";
import type { Outcome } from "../../sessions/session-service.js";
import { progressChart } from "../chart-attachment.js";
import { ANSWER_FIELD, QUESTION_FIELD, QUESTION_MAX } from "../commands/grade.js";
import { defaultLevel } from "../commands/options.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import type { Action, ActionOf } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { fieldWithin } from "../inbound.js";
import { outcomeView, stateView } from "../interview-view.js";
import { LIMITS } from "../limits.js";
import { feedbackEmbed } from "../render/feedback-embed.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS, type ReplyBody, respond } from "../reply.js";
import { answerModal, answerText } from "./answer-modal.js";
import { button, row } from "./buttons.js";

const STEP_PHASE = {
  answer: "awaiting_answer",
  follow_up: "awaiting_follow_up",
  retry: "reviewing",
} as const;

/**
 * Whether grading may call the LLM (seconds): the bot grades with the LLM when it has an API key, the
 * offline grader (milliseconds) when not. A server that switched the LLM off still gets a deferral: to
 * know, the reply would wait on the store.
 */
export function gradingIsSlow(ctx: BotContext): boolean {
  return !gradesOffline("auto", ctx.config);
}

/** An interview step's message; a finished interview's report comes with its chart, drawn after `slow()`. */
async function outcomeMessage(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  ctx: BotContext,
  outcome: Outcome,
  slow: () => Promise<void>,
  structured = false,
): Promise<ReplyBody> {
  if (!outcome.report) return outcomeView(ctx, outcome, structured);
  await slow();
  const chart = await progressChart(
    await ctx.sessions.progress(interaction.user.id),
    outcome.report.criteria,
  );
  return { ...outcomeView(ctx, outcome, structured), files: [chart] };
}

export async function openInterviewModal(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"iv-answer">,
): Promise<void> {
  const state = await ctx.sessions.get(action.sessionId, interaction.user.id);
  const phaseOk =
    state.status === "active" &&
    (state.phase === STEP_PHASE[action.step] ||
      (action.step === "retry" && state.phase === "awaiting_follow_up"));
  if (!phaseOk) {
    // A stale button: show where the interview is now instead.
    await interaction.reply({
      ...stateView(ctx, state, action.structured),
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await checkCooldown(ctx, interaction.user.id);
  const item = state.items[state.index];
  const prompt =
    action.step === "follow_up"
      ? (item?.followUp?.text ?? "")
      : (ctx.content.bank.get(item?.questionId ?? "")?.text ?? "");
  const title =
    action.step === "follow_up"
      ? "Answer the follow-up"
      : action.step === "retry"
        ? "Revise your answer"
        : `Question ${state.index + 1} of ${state.items.length}`;
  await interaction.showModal(
    answerModal(
      title,
      { ...action, kind: "iv-submit", structured: action.step === "follow_up" ? false : action.structured },
      action.step !== "follow_up" && action.structured,
      prompt,
    ),
  );
}

export async function submitInterviewAnswer(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"iv-submit">,
): Promise<void> {
  await respond(
    interaction,
    async (slow) => {
      const text = answerText(interaction, action.structured);
      const context = { guildId: interaction.guildId };
      const userId = interaction.user.id;
      const outcome =
        action.step === "answer"
          ? await ctx.sessions.answer(action.sessionId, userId, text, context)
          : action.step === "follow_up"
            ? await ctx.sessions.followUp(action.sessionId, userId, text, context)
            : await ctx.sessions.retry(action.sessionId, userId, text, context);
      return outcomeMessage(interaction, ctx, outcome, slow, action.structured);
    },
    { defer: gradingIsSlow(ctx) },
  );
}

export async function interviewStep(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"iv-next" | "iv-skip" | "iv-end" | "iv-resume">,
): Promise<void> {
  await respond(interaction, async (slow) => {
    const userId = interaction.user.id;
    const sessions = ctx.sessions;
    const outcome =
      action.kind === "iv-next"
        ? await sessions.next(action.sessionId, userId)
        : action.kind === "iv-skip"
          ? await sessions.skip(action.sessionId, userId)
          : action.kind === "iv-end"
            ? await sessions.end(action.sessionId, userId)
            : await sessions.resume(action.sessionId, userId);
    if (action.kind === "iv-resume" && !outcome.error) return stateView(ctx, outcome.state);
    return outcomeMessage(interaction, ctx, outcome, slow);
  });
}

export async function openPracticeModal(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"pr-answer">,
): Promise<void> {
  const question = ctx.content.bank.get(action.questionId);
  if (!question) throw new UserError("That question is no longer in the bank. Try `/practice` again.");
  await checkCooldown(ctx, interaction.user.id);
  await interaction.showModal(
    answerModal(
      action.previous ? "Revise your answer" : "Your answer",
      { ...action, kind: "pr-submit" },
      action.structured,
      question.text,
    ),
  );
}

/** One graded answer outside an interview: its feedback, Revise when it can be revised, a strong answer. */
function singleFeedback(
  grade: Grade,
  previous: Grade | null,
  revise: Action | null,
  attemptId: string,
): ReplyBody {
  const buttons = [
    ...(revise ? [button("Revise", revise, ButtonStyle.Primary)] : []),
    button("See a strong answer", { kind: "model", attemptId }),
  ];
  return {
    embeds: [feedbackEmbed({ grade, title: "Feedback", followUp: grade.follow_up, previous })],
    components: [row(...buttons)],
  };
}

/**
 * The grade of the user's own earlier attempt, for "Change against your previous attempt". The id comes
 * from the form's custom id, which a modified client can forge: another user's attempt is refused.
 */
async function ownPreviousGrade(ctx: BotContext, attemptId: string, userId: string): Promise<Grade | null> {
  const attempt = await ctx.store.getAttempt(attemptId);
  if (!attempt) return null;
  if (attempt.userId !== userId)
    throw new UserError("That earlier answer is not yours, so there is nothing to compare with.");
  return attempt.grade;
}

export async function submitPracticeAnswer(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"pr-submit">,
): Promise<void> {
  await respond(
    interaction,
    async () => {
      const question = ctx.content.bank.get(action.questionId);
      if (!question) throw new UserError("That question is no longer in the bank. Try `/practice` again.");
      const previous = action.previous
        ? await ownPreviousGrade(ctx, action.previous, interaction.user.id)
        : null;
      const fb = await ctx.sessions.gradeSingle(
        {
          userId: interaction.user.id,
          question: ctx.sessions.questionRef(question.id),
          level: action.level,
          text: answerText(interaction, action.structured),
        },
        { guildId: interaction.guildId },
      );
      return singleFeedback(
        fb.grade,
        previous,
        {
          kind: "pr-answer",
          questionId: question.id,
          level: action.level,
          previous: fb.attempt.id,
          structured: action.structured,
        },
        fb.attempt.id,
      );
    },
    { defer: gradingIsSlow(ctx) },
  );
}

export async function submitFreeGrade(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  await respond(
    interaction,
    async () => {
      const questionText = fieldWithin(interaction, QUESTION_FIELD, QUESTION_MAX);
      const bankQuestion = ctx.content.bank.get(questionText.trim());
      const question = bankQuestion
        ? ctx.sessions.questionRef(bankQuestion.id)
        : { id: null, text: questionText, competency: null, probes: [] };
      const fb = await ctx.sessions.gradeSingle(
        {
          userId: interaction.user.id,
          question,
          level: await defaultLevel(interaction.guildId, ctx),
          text: fieldWithin(interaction, ANSWER_FIELD, LIMITS.textInput),
        },
        { guildId: interaction.guildId },
      );
      return singleFeedback(fb.grade, null, null, fb.attempt.id);
    },
    { defer: gradingIsSlow(ctx) },
  );
}

export async function regrade(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"regrade">,
): Promise<void> {
  await respond(
    interaction,
    async (slow) => {
      const { feedback, state } = await ctx.sessions.regrade(action.attemptId, interaction.user.id, {
        guildId: interaction.guildId,
      });
      if (!state) return singleFeedback(feedback.grade, null, null, action.attemptId);
      return outcomeMessage(
        interaction,
        ctx,
        { state, effects: [], feedback, report: null, error: null },
        slow,
      );
    },
    { defer: gradingIsSlow(ctx) },
  );
}

export async function confirmDelete(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"mydata-delete">,
): Promise<void> {
  if (interaction.user.id !== action.userId) throw new UserError("This is not your data.");
  await interaction.deferUpdate();
  const deleted = await ctx.store.deleteUser(action.userId);
  await interaction.editReply({
    embeds: [
      {
        description: `Deleted ${count(deleted.attempts, "answer")} and ${count(deleted.sessions, "interview")}${deleted.stories > 0 ? `, with ${count(deleted.stories, "story", "stories")} from your story bank` : ""}.`,
        color: COLORS.neutral,
      },
    ],
    components: [],
    allowedMentions: NO_MENTIONS,
  });
}
