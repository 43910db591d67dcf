import { type APIEmbed, ButtonStyle, escapeMarkdown } from "discord.js";
import type { Delivery } from "../../core/delivery/delivery.js";
import { deliveryFeedback } from "../../core/delivery/delivery.js";
import type { Grade } from "../../core/grading/types.js";
import { button, row } from "../components/buttons.js";
import { type EmbedData, fitEmbed, LIMITS, truncate } from "../limits.js";
import { feedbackEmbed } from "../render/feedback-embed.js";
import { COLORS } from "../render/text.js";
import type { ReplyBody } from "../reply.js";
import { AUDIO_KEPT_MS, TRANSCRIPT_KEPT_MS } from "./held.js";

const minutes = (ms: number) => Math.round(ms / 60_000);

/** What the transcriber heard, with "Grade this" and "Edit transcript" (a form holds 4,000 characters). */
export function transcriptView(key: string, transcript: string, durationSec: number | null): ReplyBody {
  const editable = Array.from(transcript).length <= LIMITS.textInput;
  const length = durationSec === null ? "" : ` (${Math.round(durationSec)} s)`;
  const notes = [
    `Check it, fix misheard words with Edit transcript, then grade it. Nothing is saved until you grade it; the recording itself is already deleted, and this transcript is kept in memory for ${minutes(TRANSCRIPT_KEPT_MS)} minutes.`,
    ...(editable ? [] : ["It is too long to edit in a form (4,000 characters): grade it as it is."]),
  ];
  return {
    embeds: [
      fitEmbed({
        title: `Your answer, transcribed${length}`,
        description: truncate(escapeMarkdown(transcript), LIMITS.embedDescription),
        color: COLORS.neutral,
        footer: { text: notes.join(" ") },
      }) as APIEmbed,
    ],
    components: [
      row(
        button("Grade this", { kind: "vc-grade", key }, ButtonStyle.Primary),
        ...(editable ? [button("Edit transcript", { kind: "vc-edit", key })] : []),
      ),
    ],
  };
}

/** A transcription that failed: the recording is kept in memory for a while, for Retry. */
export function transcriptionFailedView(key: string, reason: string): ReplyBody {
  return {
    embeds: [
      {
        description: `${reason}\nYour recording is kept in memory for ${minutes(AUDIO_KEPT_MS)} minutes so you can retry; after that it is deleted and you would send it again.`,
        color: COLORS.low,
      },
    ],
    components: [row(button("Retry", { kind: "vc-retry", key }, ButtonStyle.Primary))],
  };
}

/** A one-line answer in the DM, for everything that is not a transcript. */
export function notice(text: string, color: number = COLORS.mid): ReplyBody {
  return { embeds: [{ description: truncate(text, LIMITS.embedDescription), color }], components: [] };
}

/**
 * Whether the feedback embed shows a grade's delivery by itself: then no separate Delivery embed is added.
 * Asked of the embed rather than assumed, so the two never both show it (or neither).
 */
export function feedbackShowsDelivery(grade: Grade, delivery: Delivery): boolean {
  const { delivery: _none, ...typed } = grade;
  const view = { title: "", followUp: null, previous: null };
  return (
    JSON.stringify(feedbackEmbed({ ...view, grade: typed })) !==
    JSON.stringify(feedbackEmbed({ ...view, grade: { ...typed, delivery } }))
  );
}

/** How it sounded: length, pace, fillers, hedges, pauses, from the recording and its transcript. */
export function deliveryEmbed(delivery: Delivery): EmbedData {
  const figures = [
    delivery.duration_s === null ? null : `${Math.round(delivery.duration_s)} s`,
    `${delivery.words} words`,
    delivery.words_per_minute === null ? null : `${Math.round(delivery.words_per_minute)} words/min`,
    `${delivery.filler_count} filler${delivery.filler_count === 1 ? "" : "s"}`,
    delivery.pauses_over_2s === null
      ? null
      : `${delivery.pauses_over_2s} pause${delivery.pauses_over_2s === 1 ? "" : "s"} over 2 s`,
  ].filter((f): f is string => f !== null);
  return fitEmbed({
    title: "Delivery",
    description: [figures.join(" · "), ...deliveryFeedback(delivery).map((line) => `• ${line}`)].join("\n"),
    color: COLORS.neutral,
  });
}
