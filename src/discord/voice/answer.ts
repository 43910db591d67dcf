import { audioDurationSec } from "../../audio/duration.js";
import { type Delivery, deliveryFigures } from "../../core/delivery/delivery.js";
import { type Transcriber, TranscriptionFailedError } from "../../llm/transcribe.js";
import type { BotContext } from "../context.js";
import type { ReplyBody } from "../reply.js";
import {
  type HeldAudio,
  heldAudio,
  type PendingTranscript,
  pendingTranscripts,
  type VoiceStep,
} from "./held.js";
import { notice, transcriptionFailedView, transcriptView } from "./render.js";

/** What a DM with no open question gets. */
export const NO_OPEN_QUESTION = "Start with `/interview start`, then answer with a voice message here.";

export type OpenQuestion = { sessionId: string; step: VoiceStep } | { refusal: string };

/** The question a voice answer would answer now: the user's open interview, in a phase that takes one. */
export async function openQuestion(ctx: BotContext, userId: string): Promise<OpenQuestion> {
  const state = await ctx.sessions.open(userId);
  if (!state || state.status === "finished") return { refusal: NO_OPEN_QUESTION };
  if (state.status === "expired")
    return {
      refusal:
        "Your interview was idle too long: resume it with `/interview resume`, then send your answer again.",
    };
  switch (state.phase) {
    case "awaiting_answer":
      return { sessionId: state.id, step: "answer" };
    case "awaiting_follow_up":
      return { sessionId: state.id, step: "follow_up" };
    case "reviewing":
      return { sessionId: state.id, step: "retry" };
    case "grading":
      return { refusal: "Your last answer is still being graded: send this again in a moment." };
    case "done":
      return { refusal: NO_OPEN_QUESTION };
  }
}

/**
 * Transcribes a recording held in memory under `key` (the user's voice message). On success the audio is
 * dropped and the transcript waits for "Grade this"; on a failed transcription the audio stays held (for
 * AUDIO_KEPT_MS) behind a Retry button. The duration is Discord's when it gave one, else the file's.
 */
export async function transcribeHeld(
  ctx: BotContext,
  transcriber: Transcriber,
  key: string,
  held: HeldAudio,
): Promise<ReplyBody> {
  const log = ctx.log.child({ module: "voice" });
  const started = performance.now();
  try {
    const [transcript, fileDuration] = await Promise.all([
      transcriber.transcribe(held.audio),
      held.durationSec === null
        ? audioDurationSec(held.audio).catch(() => null)
        : Promise.resolve(held.durationSec),
    ]);
    heldAudio.delete(key);
    log.info(
      {
        key,
        bytes: held.audio.data.byteLength,
        chars: transcript.text.length,
        segments: transcript.segments?.length ?? null,
        ms: Math.round(performance.now() - started),
      },
      "voice answer transcribed",
    );
    if (transcript.text.trim().length === 0)
      return notice("No words were heard in that recording: check your microphone and send it again.");
    const pending: PendingTranscript = {
      userId: held.userId,
      sessionId: held.sessionId,
      step: held.step,
      transcript: transcript.text.trim(),
      segments: transcript.segments,
      durationSec: fileDuration,
    };
    pendingTranscripts.set(key, pending);
    return transcriptView(key, pending.transcript, fileDuration);
  } catch (err) {
    if (!(err instanceof TranscriptionFailedError)) {
      heldAudio.delete(key);
      throw err;
    }
    log.warn({ key, err, ms: Math.round(performance.now() - started) }, "voice answer not transcribed");
    heldAudio.set(key, held);
    return transcriptionFailedView(key, err.userMessage ?? "The recording could not be transcribed.");
  }
}

/** The delivery figures of what was said (the transcriber's words and times, not an edit of them). */
export function deliveryOf(ctx: BotContext, pending: PendingTranscript): Delivery {
  return deliveryFigures(
    { transcript: pending.transcript, segments: pending.segments, durationSec: pending.durationSec },
    ctx.content.lexicon,
  );
}
