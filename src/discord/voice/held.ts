import type { TranscriptSegment } from "../../llm/transcribe.js";

/** Which answer a voice message is: the session's question, its follow-up, or a revision after feedback. */
export type VoiceStep = "answer" | "follow_up" | "retry";

/** A transcript waiting for "Grade this" or an edit: in memory only, never stored until it is graded. */
export interface PendingTranscript {
  userId: string;
  sessionId: string;
  step: VoiceStep;
  /** What the transcriber heard: the delivery figures come from it, even after an edit. */
  transcript: string;
  segments: TranscriptSegment[] | null;
  durationSec: number | null;
}

/** A recording whose transcription failed, kept (in memory) for a Retry. */
export interface HeldAudio {
  userId: string;
  sessionId: string;
  step: VoiceStep;
  audio: { data: Uint8Array; filename: string; mimeType: string };
  durationSec: number | null;
}

/** How long a failed recording is kept for Retry; then it is dropped. */
export const AUDIO_KEPT_MS = 10 * 60_000;
/** How long a transcript waits to be graded or edited. */
export const TRANSCRIPT_KEPT_MS = 30 * 60_000;
/** A bound on what one process holds, whatever happens: the oldest entry goes first. */
const MAX_ENTRIES = 1_000;

/**
 * A map whose entries are dropped `ttlMs` after they are set, by a timer (unref'd: it never keeps the
 * process up), so audio is not held past its time even if nobody asks for it again.
 */
export class Expiring<V> {
  readonly #entries = new Map<string, { value: V; timer: NodeJS.Timeout }>();

  constructor(private readonly ttlMs: number) {}

  set(key: string, value: V): void {
    this.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    const timer = setTimeout(() => this.#entries.delete(key), this.ttlMs);
    timer.unref();
    this.#entries.set(key, { value, timer });
  }

  get(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** The entry, removed: two clicks on one button never both get it. */
  take(key: string): V | undefined {
    const value = this.get(key);
    this.delete(key);
    return value;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** This process's voice answers in flight, keyed by the user's voice message id. */
export const pendingTranscripts = new Expiring<PendingTranscript>(TRANSCRIPT_KEPT_MS);
export const heldAudio = new Expiring<HeldAudio>(AUDIO_KEPT_MS);
