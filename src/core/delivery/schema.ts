import { z } from "zod";

/** A stretch of a transcript with its times in seconds from the start of the audio. */
export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

const Count = z.number().int().min(0);

/** How a voice answer was spoken: stored inside its grade (`Grade.delivery`). */
export const DeliverySchema = z.object({
  /** The audio's real length, in seconds; null when the file did not say. */
  duration_s: z.number().min(0).nullable(),
  words: Count,
  /** Words over the real duration; null exactly when the duration is. */
  words_per_minute: z.number().int().min(0).nullable(),
  filler_count: Count,
  /** Each filler heard, most frequent first. */
  fillers: z.array(z.object({ word: z.string(), count: Count })),
  /** Hedging phrases used ("i think", "probably"), each once, in order of first use. */
  hedges: z.array(z.string()),
  /** Silences over 2 s between transcript segments; null without timestamps. */
  pauses_over_2s: Count.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
