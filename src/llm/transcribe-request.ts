import { setTimeout as sleep } from "node:timers/promises";
import type OpenAI from "openai";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  toFile,
} from "openai";
import { z } from "zod";
import { MAX_RETRIES, MIN_ATTEMPT_MS, retryWait } from "./retry-policy.js";
import type { AudioInput, Transcript, TranscriptionFailure } from "./transcribe.js";
import { TranscriptionFailedError } from "./transcribe.js";

export interface TranscriptionRequest {
  client: OpenAI;
  model: string;
  audio: AudioInput;
  /** The whole call, retries and waits included, ends by then. */
  timeoutMs: number;
  /** Whether to ask for verbose_json (timestamps); set to false in place when the model refuses it. */
  format: { verbose: boolean };
  onFormatRejected?: () => void;
  now?: () => number;
}

const SegmentSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });
const ReplySchema = z.object({ text: z.string(), segments: z.unknown().optional() });

/** The transcript in a reply: its text, and the segments that read as segments (null when there are none). */
function transcriptOf(reply: unknown): Transcript | null {
  const parsed = ReplySchema.safeParse(reply);
  if (!parsed.success) return null;
  const raw = Array.isArray(parsed.data.segments) ? parsed.data.segments : null;
  const segments = raw
    ? raw.flatMap((s) => {
        const seg = SegmentSchema.safeParse(s);
        return seg.success ? [{ start: seg.data.start, end: seg.data.end, text: seg.data.text.trim() }] : [];
      })
    : null;
  return { text: parsed.data.text.trim(), segments: segments && segments.length > 0 ? segments : null };
}

function failureOf(err: unknown): TranscriptionFailedError {
  if (err instanceof TranscriptionFailedError) return err;
  const status = err instanceof APIError && typeof err.status === "number" ? err.status : null;
  const reason: TranscriptionFailure =
    err instanceof APIConnectionTimeoutError
      ? "timeout"
      : err instanceof APIConnectionError
        ? "connection"
        : err instanceof RateLimitError
          ? "rate_limited"
          : err instanceof InternalServerError
            ? "server_error"
            : err instanceof APIError
              ? "api_error"
              : "invalid_output";
  return new TranscriptionFailedError(reason, status, { cause: err });
}

/** A 400 saying the model does not do verbose_json or timestamps (gpt-4o transcription models). */
function refusesVerbose(err: unknown): boolean {
  if (!(err instanceof BadRequestError)) return false;
  const param = typeof err.param === "string" ? err.param : "";
  return (
    /response_format|timestamp_granularities/.test(param) ||
    /verbose_json|response_format|timestamp_granularities/i.test(err.message)
  );
}

/**
 * One transcription within a deadline: an AbortSignal per attempt ends it whole (a stalled body too).
 * A 429, a 5xx or a refused connection is retried once, when the wait fits the deadline; a 400 refusing
 * verbose_json is sent again at once as plain json (no timestamps), not counted as a retry.
 * Throws TranscriptionFailedError, whatever went wrong.
 */
export async function requestTranscription(
  req: TranscriptionRequest,
): Promise<{ transcript: Transcript; attempts: number }> {
  const now = req.now ?? Date.now;
  const deadline = now() + req.timeoutMs;
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    const signal = AbortSignal.timeout(Math.max(1, deadline - now()));
    const verbose = req.format.verbose;
    try {
      const file = await toFile(req.audio.data, req.audio.filename, { type: req.audio.mimeType });
      const reply: unknown = await req.client.audio.transcriptions.create(
        verbose
          ? { file, model: req.model, response_format: "verbose_json", timestamp_granularities: ["segment"] }
          : { file, model: req.model, response_format: "json" },
        { timeout: Math.max(1, deadline - now()), maxRetries: 0, signal },
      );
      const transcript = transcriptOf(reply);
      if (!transcript) throw new TranscriptionFailedError("invalid_output");
      return { transcript, attempts: attempt };
    } catch (err) {
      if (signal.aborted) throw new TranscriptionFailedError("timeout", null, { cause: err });
      if (verbose && refusesVerbose(err)) {
        if (req.format.verbose) req.onFormatRejected?.();
        req.format.verbose = false;
        if (deadline - now() < MIN_ATTEMPT_MS) throw failureOf(err);
        continue;
      }
      const wait = retries >= MAX_RETRIES ? null : retryWait(err, now());
      if (wait === null || deadline - now() - wait < MIN_ATTEMPT_MS) throw failureOf(err);
      retries++;
      await sleep(wait);
    }
  }
}
