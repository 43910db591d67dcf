import type { ActionRowBuilder, APIEmbed, ButtonBuilder } from "discord.js";
import type { InterviewState } from "../core/interview/types.js";
import type { Outcome } from "../sessions/session-service.js";
import { button, feedbackButtons, questionButtons, row } from "./components/buttons.js";
import type { BotContext } from "./context.js";
import { type EmbedData, fitEmbed } from "./limits.js";
import { feedbackEmbed } from "./render/feedback-embed.js";
import { followUpEmbed, questionEmbed } from "./render/question-embed.js";
import { reportEmbed } from "./render/report-embed.js";
import { COLORS } from "./render/text.js";
import { transcriberFor } from "./voice/transcriber.js";

export interface View {
  embeds: APIEmbed[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

/** Whether this bot can take voice answers (transcription is set up). */
const voiceAnswers = (ctx: BotContext) => transcriberFor(ctx) !== null;

const view = (embeds: EmbedData[], components: ActionRowBuilder<ButtonBuilder>[] = []): View => ({
  embeds: embeds as APIEmbed[],
  components,
});

function questionView(ctx: BotContext, state: InterviewState, structured: boolean): View {
  const item = state.items[state.index];
  const q = item ? ctx.content.bank.get(item.questionId) : undefined;
  if (!q)
    return view(
      [{ title: "This question is no longer in the bank", color: COLORS.mid }],
      [questionButtons(state.id, structured, voiceAnswers(ctx))],
    );
  const name = ctx.content.bank.competency(q.competency)?.name ?? q.competency;
  return view(
    [
      questionEmbed(
        q,
        name,
        { index: state.index, of: state.items.length },
        state.config.level,
        item?.reason ?? null,
      ),
    ],
    [questionButtons(state.id, structured, voiceAnswers(ctx))],
  );
}

/** What the user sees after an interview step: the next question, feedback with its buttons, or the report. */
export function outcomeView(ctx: BotContext, outcome: Outcome, structured = false): View {
  const { state } = outcome;
  if (outcome.report) {
    const embeds: EmbedData[] = [];
    if (outcome.feedback)
      embeds.push(
        feedbackEmbed({
          grade: outcome.feedback.grade,
          title: "Feedback",
          followUp: null,
          previous: outcome.feedback.previous,
        }),
      );
    embeds.push(reportEmbed(outcome.report, ctx.content.bank));
    return view(embeds);
  }
  if (outcome.error) {
    const embed = fitEmbed({ description: outcome.error.message, color: COLORS.mid });
    if (state.status === "expired")
      return view([embed], [row(button("Resume", { kind: "iv-resume", sessionId: state.id }))]);
    return { ...stateView(ctx, state, structured), embeds: [embed as APIEmbed] };
  }
  if (outcome.feedback) {
    const followUp =
      state.phase === "awaiting_follow_up" ? (state.items[state.index]?.followUp?.text ?? null) : null;
    const last = state.index === state.items.length - 1;
    return view(
      [
        feedbackEmbed({
          grade: outcome.feedback.grade,
          title: "Feedback",
          followUp,
          previous: outcome.feedback.previous,
        }),
      ],
      [
        feedbackButtons(state.id, {
          voice: voiceAnswers(ctx),
          followUp: followUp !== null,
          last,
          structured,
          attemptId: outcome.feedback.attempt.id,
        }),
      ],
    );
  }
  return stateView(ctx, state, structured);
}

/** The prompt for the session's current phase, as after a resume. */
export function stateView(ctx: BotContext, state: InterviewState, structured = false): View {
  const last = state.index === state.items.length - 1;
  switch (state.phase) {
    case "awaiting_answer":
      return questionView(ctx, state, structured);
    case "awaiting_follow_up":
      return view(
        [followUpEmbed(state.items[state.index]?.followUp?.text ?? "")],
        [feedbackButtons(state.id, { followUp: true, last, structured, voice: voiceAnswers(ctx) })],
      );
    case "reviewing":
      return view(
        [{ title: "Your answer is graded", description: "Revise it, or move on.", color: COLORS.neutral }],
        [feedbackButtons(state.id, { followUp: false, last, structured, voice: voiceAnswers(ctx) })],
      );
    case "grading":
      return view(
        [
          {
            title: "Your last answer is being graded",
            description: "Press Resume in a moment to see the feedback.",
            color: COLORS.mid,
          },
        ],
        [row(button("Resume", { kind: "iv-resume", sessionId: state.id }))],
      );
    case "done":
      return view([{ title: "This interview has finished", color: COLORS.neutral }]);
  }
}

/** A user with an unfinished interview who asked for a new one: resume it, or end it first. */
export function unfinishedView(sessionId: string, index: number, of: number): View {
  return view(
    [
      {
        description: `You have an unfinished interview (question ${index + 1} of ${of}). Resume it, or end it to start a new one.`,
        color: COLORS.mid,
      },
    ],
    [
      row(
        button("Resume", { kind: "iv-resume", sessionId }),
        button("End it", { kind: "iv-end", sessionId }),
      ),
    ],
  );
}
