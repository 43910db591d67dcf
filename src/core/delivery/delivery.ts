import type { Lexicon } from "../lexicon/schema.js";
import { count } from "../text/plural.js";
import { countPhrases, wordsOf } from "./fillers.js";
import type { Delivery, TranscriptSegment } from "./schema.js";

export type { Delivery, TranscriptSegment } from "./schema.js";

/** What a STAR answer should take to say, in seconds. */
export const SPOKEN_TARGET_S = { min: 90, max: 150 } as const;
/** A pace that is easy to follow, in words a minute. */
export const PACE_TARGET_WPM = { min: 130, max: 160 } as const;
/** A silence longer than this between two segments is a long pause. */
export const LONG_PAUSE_S = 2;
/** Fillers a minute from which a listener notices them. */
const NOTICEABLE_FILLERS_PER_MIN = 3;

export interface DeliveryInput {
  transcript: string;
  segments: TranscriptSegment[] | null;
  durationSec: number | null;
}

const usable = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);
/** A duration the figures can use: half a second to a day (anything else is a broken header). */
const MIN_SECONDS = 0.5;
const MAX_SECONDS = 86_400;
const plausible = (s: number | null | undefined): s is number =>
  usable(s) && s >= MIN_SECONDS && s <= MAX_SECONDS;

/** The audio's length when known: the file's own duration, else where the last timed segment ends. */
export function spokenSeconds(
  durationSec: number | null,
  segments: TranscriptSegment[] | null,
): number | null {
  if (plausible(durationSec)) return durationSec;
  const end = Math.max(0, ...(segments ?? []).map((s) => s.end).filter(plausible));
  return plausible(end) ? end : null;
}

function longPauses(segments: TranscriptSegment[]): number {
  const timed = segments
    .filter((s) => usable(s.start) && usable(s.end))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let pauses = 0;
  let heard = Number.NEGATIVE_INFINITY;
  for (const s of timed) {
    if (s.start - heard > LONG_PAUSE_S) pauses++;
    heard = Math.max(heard, s.end);
  }
  // The first segment has nothing said before it: a slow start is not a pause in the answer.
  return timed.length > 0 ? pauses - 1 : 0;
}

/**
 * The delivery figures of a spoken answer, from its transcript, its timestamps when the transcription had
 * them, and the audio's real duration. Pure; never throws.
 */
export function deliveryFigures(input: DeliveryInput, lexicon: Lexicon): Delivery {
  const words = wordsOf(input.transcript);
  const seconds = plausible(input.durationSec) ? input.durationSec : null;
  const fillers = countPhrases(words, lexicon.spoken_fillers, { fillerRules: true, likeAsFiller: true })
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((f) => ({ word: f.phrase, count: f.count }));
  const asFiller = new Set(lexicon.spoken_fillers);
  const hedges = countPhrases(
    words,
    lexicon.hedges.filter((h) => !asFiller.has(h)),
    { fillerRules: false, likeAsFiller: false },
  )
    .sort((a, b) => a.first - b.first)
    .map((h) => h.phrase);
  return {
    duration_s: seconds === null ? null : Math.round(seconds * 10) / 10,
    words: words.length,
    words_per_minute: seconds === null ? null : Math.round(words.length / (seconds / 60)),
    filler_count: fillers.reduce((n, f) => n + f.count, 0),
    fillers,
    hedges,
    pauses_over_2s: input.segments === null ? null : longPauses(input.segments),
  };
}

/** 125 as "2:05". */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The figures on one line: "1:50 spoken · 109 words a minute · 4 fillers · 1 hedge · no long pauses". */
export function deliverySummary(d: Delivery): string {
  const parts: string[] = [];
  if (d.duration_s !== null) parts.push(`${clock(d.duration_s)} spoken`);
  if (d.words_per_minute !== null) parts.push(`${d.words_per_minute} words a minute`);
  parts.push(count(d.filler_count, "filler"));
  parts.push(count(d.hedges.length, "hedge"));
  if (d.pauses_over_2s !== null)
    parts.push(d.pauses_over_2s === 0 ? "no long pauses" : count(d.pauses_over_2s, "long pause"));
  return parts.join(" · ");
}

/** Short lines on how the answer was spoken: length, pace, fillers, hedges and long pauses. */
export function deliveryFeedback(d: Delivery): string[] {
  const out: string[] = [];
  const { min, max } = SPOKEN_TARGET_S;
  if (d.duration_s !== null) {
    const s = d.duration_s;
    const length = `Length ${clock(s)} (${Math.round(s)} s)`;
    if (s < min)
      out.push(
        `${length}: short of the ${min}–${max} s a STAR answer needs; say what you did and what changed, with figures.`,
      );
    else if (s > max)
      out.push(
        `${length}: over the ${min}–${max} s target; keep the situation to two sentences and go to what you did.`,
      );
    else out.push(`${length}: within the ${min}–${max} s target.`);
  }
  if (d.words_per_minute !== null) {
    const pace = `Pace ${d.words_per_minute} words a minute`;
    const { min: slow, max: fast } = PACE_TARGET_WPM;
    if (d.words_per_minute > fast)
      out.push(`${pace}: fast; ${slow}–${fast} is easy to follow. Slow down and pause before each figure.`);
    else if (d.words_per_minute < slow)
      out.push(
        `${pace}: slow; ${slow}–${fast} is easy to follow. Move briskly through the situation and save your pauses for the figures.`,
      );
    else out.push(`${pace}: easy to follow.`);
  }
  if (d.filler_count === 0) out.push("Fillers: none.");
  else {
    const perMin = d.duration_s ? d.filler_count / (d.duration_s / 60) : null;
    const rate = perMin === null ? "" : ` (${perMin.toFixed(1)} a minute)`;
    const which = d.fillers
      .slice(0, 4)
      .map((f) => `"${f.word}" ×${f.count}`)
      .join(", ");
    const advice =
      perMin !== null && perMin < NOTICEABLE_FILLERS_PER_MIN
        ? ""
        : "; a silent pause sounds surer than a filler";
    out.push(`Fillers: ${d.filler_count}${rate}: ${which}${advice}.`);
  }
  if (d.hedges.length > 0)
    out.push(
      `Hedges: ${d.hedges
        .slice(0, 4)
        .map((h) => `"${h.replace(/\bi\b/g, "I")}"`)
        .join(", ")}; they weaken a result: say what happened, with the figure.`,
    );
  if (d.pauses_over_2s !== null && d.pauses_over_2s > 0)
    out.push(
      `${count(d.pauses_over_2s, "pause")} over ${LONG_PAUSE_S} s: note your three or four points before you start, so the story flows.`,
    );
  return out;
}
