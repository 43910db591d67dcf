import {
  type APIEmbed,
  type ButtonInteraction,
  LabelBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { Delivery } from "../../core/delivery/delivery.js";
import { AnswerKeptError, GradingFailedError } from "../../sessions/errors.js";
import type { Outcome } from "../../sessions/session-service.js";
import { gradingIsSlow } from "../components/handlers.js";
import type { BotContext } from "../context.js";
import { type ActionOf, encodeAction } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { fieldWithin } from "../inbound.js";
import { outcomeView } from "../interview-view.js";
import { LIMITS } from "../limits.js";
import { EPHEMERAL, NO_MENTIONS, type ReplyBody, respond } from "../reply.js";
import { deliveryOf, transcribeHeld } from "./answer.js";
import { fitsBeside } from "./fit.js";
import {
  AUDIO_KEPT_MS,
  heldAudio,
  type PendingTranscript,
  pendingTranscripts,
  TRANSCRIPT_KEPT_MS,
} from "./held.js";
import { deliveryEmbed, feedbackShowsDelivery } from "./render.js";
import { transcriberFor } from "./transcriber.js";

const TRANSCRIPT_FIELD = "transcript";

const gone = (what: string, ms: number) =>
  new UserError(
    `That ${what} is no longer held: it is kept in memory for ${Math.round(ms / 60_000)} minutes, or it was used already. Send your voice message again.`,
  );

/** The user's own transcript waiting under `key`; another user's is refused (a forged button). */
function ownPending(key: string, userId: string): PendingTranscript {
  const pending = pendingTranscripts.get(key);
  if (!pending) throw gone("transcript", TRANSCRIPT_KEPT_MS);
  if (pending.userId !== userId) throw new UserError("That transcript is not yours.");
  return pending;
}

/** Feedback with the delivery figures: on the grade shown, and in their own embed unless it shows them. */
function withDelivery(ctx: BotContext, outcome: Outcome, delivery: Delivery): ReplyBody {
  const feedback = outcome.feedback
    ? { ...outcome.feedback, grade: { ...outcome.feedback.grade, delivery } }
    : null;
  const view = outcomeView(ctx, { ...outcome, feedback });
  if (!outcome.feedback || feedbackShowsDelivery(outcome.feedback.grade, delivery)) return view;
  const extra = deliveryEmbed(delivery);
  const embeds = fitsBeside(view.embeds, extra) ? [...view.embeds, extra as APIEmbed] : view.embeds;
  return { ...view, embeds };
}

/**
 * Grades a voice answer through the session's normal answer path, as if typed: stored, then graded. The
 * transcript leaves memory as it is stored; a session that moved on meanwhile (answered by typing) keeps
 * it waiting, and says where the interview is.
 */
async function gradeTranscript(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  ctx: BotContext,
  key: string,
  text: string,
): Promise<void> {
  const pending = ownPending(key, interaction.user.id);
  pendingTranscripts.delete(key);
  await respond(
    interaction,
    async () => {
      const userId = interaction.user.id;
      const delivery = deliveryOf(ctx, pending);
      // The delivery is stored with the grade (progress over time); the transcript is the answer.
      const context = { guildId: interaction.guildId, delivery };
      const sessions = ctx.sessions;
      let outcome: Outcome;
      try {
        outcome =
          pending.step === "answer"
            ? await sessions.answer(pending.sessionId, userId, text, context)
            : pending.step === "follow_up"
              ? await sessions.followUp(pending.sessionId, userId, text, context)
              : await sessions.retry(pending.sessionId, userId, text, context);
      } catch (err) {
        // Stored before grading failed: "Grade again" grades it. Anything else: the transcript waits again.
        if (!(err instanceof GradingFailedError || err instanceof AnswerKeptError))
          pendingTranscripts.set(key, pending);
        throw err;
      }
      if (outcome.error) pendingTranscripts.set(key, pending);
      return withDelivery(ctx, outcome, delivery);
    },
    { defer: gradingIsSlow(ctx) },
  );
}

export function gradeVoiceAnswer(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"vc-grade">,
): Promise<void> {
  const pending = ownPending(action.key, interaction.user.id);
  return gradeTranscript(interaction, ctx, action.key, pending.transcript);
}

/** "Edit transcript": a form prefilled with what was heard; submitting it grades the edited text. */
export async function openTranscriptEdit(
  interaction: ButtonInteraction,
  _ctx: BotContext,
  action: ActionOf<"vc-edit">,
): Promise<void> {
  const pending = ownPending(action.key, interaction.user.id);
  const input = new TextInputBuilder()
    .setCustomId(TRANSCRIPT_FIELD)
    .setStyle(TextInputStyle.Paragraph)
    .setMinLength(1)
    .setMaxLength(LIMITS.textInput)
    .setRequired(true);
  if (Array.from(pending.transcript).length <= LIMITS.textInput) input.setValue(pending.transcript);
  await interaction.showModal(
    new ModalBuilder()
      .setCustomId(encodeAction({ kind: "vc-edit-submit", key: action.key }))
      .setTitle("Edit your transcript")
      .addLabelComponents(
        new LabelBuilder()
          .setLabel("Your answer, as heard")
          .setDescription("Fix misheard words; submitting grades this text.")
          .setTextInputComponent(input),
      ),
  );
}

export function submitTranscriptEdit(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"vc-edit-submit">,
): Promise<void> {
  const text = fieldWithin(interaction, TRANSCRIPT_FIELD, LIMITS.textInput);
  if (text.trim().length === 0) throw new UserError("The transcript is empty: there is nothing to grade.");
  return gradeTranscript(interaction, ctx, action.key, text);
}

/** Retry a failed transcription with the recording still held in memory. */
export async function retryTranscription(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"vc-retry">,
): Promise<void> {
  const held = heldAudio.get(action.key);
  if (!held) throw gone("recording", AUDIO_KEPT_MS);
  if (held.userId !== interaction.user.id) throw new UserError("That recording is not yours.");
  const transcriber = transcriberFor(ctx);
  if (!transcriber) throw new UserError("Voice answers are switched off now.");
  heldAudio.delete(action.key);
  await respond(interaction, () => transcribeHeld(ctx, transcriber, action.key, held), { defer: true });
}

/** "Answer by voice": how, without leaving the session (a private note; the question stays where it is). */
export async function explainVoice(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"vc-how">,
): Promise<void> {
  const configured = transcriberFor(ctx) !== null;
  const practice = action.questionId
    ? `For this question, use \`/grade\` with your recording as \`audio\` and \`${action.questionId}\` as \`question\`.`
    : interaction.guildId
      ? "Open a direct message with me (click my name, then Message) and send a voice message (hold the microphone button) or an audio file while this question is open. I reply there with the transcript to check and edit, then grade it: your interview moves on as if you had typed the answer."
      : "Send a voice message here (hold the microphone button) or an audio file while this question is open: I reply with the transcript to check, then grade it.";
  const lines = [
    practice,
    "Your recording is sent for transcription and deleted once it is transcribed; the transcript is stored as your answer when you grade it.",
    ...(configured
      ? []
      : ["Voice answers are not set up on this bot yet: ask its owner to configure transcription."]),
  ];
  await interaction.reply({
    embeds: [{ title: "Answer by voice", description: lines.join("\n\n") }],
    flags: EPHEMERAL,
    allowedMentions: NO_MENTIONS,
  });
}
