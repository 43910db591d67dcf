import type { Config } from "../config.js";
import type { TranscriptSegment } from "../core/delivery/schema.js";
import { StarCoachError } from "../core/errors.js";
import type { Logger } from "../log.js";

export type { TranscriptSegment } from "../core/delivery/schema.js";

/** What the transcription heard; `segments` (with times) only when the server returned timestamps. */
export interface Transcript {
  text: string;
  segments: TranscriptSegment[] | null;
}

/** A recording as received: its bytes, its name (the extension tells the server the format) and type. */
export interface AudioInput {
  data: Uint8Array;
  filename: string;
  mimeType: string;
}

/** Speech to text. Timeouts and retries are inside: a call ends with a Transcript or TranscriptionFailedError. */
export interface Transcriber {
  transcribe(audio: AudioInput): Promise<Transcript>;
}

/** What a person is told when voice answers cannot be transcribed here, in one line. */
export const VOICE_NOT_CONFIGURED =
  "Voice answers need a transcription server: set OPENAI_API_KEY (OpenAI, TRANSCRIBE_MODEL picks the model) or TRANSCRIBE_BASE_URL (a self-hosted Whisper server), or type your answer.";

export type TranscriptionFailure =
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "connection"
  | "api_error"
  | "invalid_output";

const FAILURE_TEXT: Record<TranscriptionFailure, string> = {
  timeout: "the server took too long",
  rate_limited: "the server is busy",
  server_error: "a server error",
  connection: "could not reach the server",
  api_error: "the server refused the request",
  invalid_output: "the server sent no transcript",
};

/** The transcription failed after its retry; the recording is still there to try again. */
export class TranscriptionFailedError extends StarCoachError {
  override readonly name = "TranscriptionFailedError";
  constructor(
    readonly reason: TranscriptionFailure,
    /** The HTTP status the server answered with, when it answered. */
    readonly status: number | null = null,
    options: { cause?: unknown } = {},
  ) {
    const why = status === null ? FAILURE_TEXT[reason] : `${FAILURE_TEXT[reason]}, HTTP ${status}`;
    super(`transcription failed: ${reason}${status === null ? "" : ` (${status})`}`, {
      ...options,
      userMessage: `Transcription failed (${why}): your audio is kept; try again, or type your answer.`,
    });
  }
}

/** A placeholder key for a self-hosted server that needs none (the SDK insists on one). */
const NO_KEY = "no-key-needed";

/**
 * The transcriber for this configuration, or null when none can work: that needs OPENAI_API_KEY (sent to
 * TRANSCRIBE_BASE_URL, else OPENAI_BASE_URL, else OpenAI), or a TRANSCRIBE_BASE_URL of its own (a
 * self-hosted Whisper server that needs no key). The openai SDK loads on the first transcription.
 */
export function createTranscriber(config: Config, logger: Logger): Transcriber | null {
  const key = config.OPENAI_API_KEY;
  const baseURL = config.TRANSCRIBE_BASE_URL ?? config.OPENAI_BASE_URL ?? null;
  if (key === undefined && config.TRANSCRIBE_BASE_URL === undefined) return null;
  const log = logger.child({ module: "transcribe" });
  const format = { verbose: acceptsVerbose(config.TRANSCRIBE_MODEL) };
  let client: Promise<import("openai").OpenAI> | undefined;
  const load = async () => {
    const { default: OpenAI } = await import("openai");
    // Retries are ours (transcribe-request.ts); the SDK's logger is off: it would print the request.
    return new OpenAI({
      apiKey: key ?? NO_KEY,
      baseURL,
      timeout: config.TRANSCRIBE_TIMEOUT_MS,
      maxRetries: 0,
      logLevel: "off",
    });
  };
  return {
    async transcribe(audio) {
      client ??= load();
      const [openai, { requestTranscription }] = await Promise.all([
        client,
        import("./transcribe-request.js"),
      ]);
      const started = Date.now();
      try {
        const { transcript, attempts } = await requestTranscription({
          client: openai,
          model: config.TRANSCRIBE_MODEL,
          audio,
          timeoutMs: config.TRANSCRIBE_TIMEOUT_MS,
          format,
          onFormatRejected: () =>
            log.warn(
              { model: config.TRANSCRIBE_MODEL },
              "the model has no timestamps; plain json from now on",
            ),
        });
        log.info(
          {
            bytes: audio.data.byteLength,
            ms: Date.now() - started,
            attempts,
            words: transcript.text.split(/\s+/).filter(Boolean).length,
            segments: transcript.segments?.length ?? null,
          },
          "transcribed",
        );
        return transcript;
      } catch (err) {
        if (err instanceof TranscriptionFailedError)
          log.warn(
            {
              err,
              reason: err.reason,
              status: err.status,
              bytes: audio.data.byteLength,
              ms: Date.now() - started,
            },
            "transcription failed",
          );
        throw err;
      }
    },
  };
}

/**
 * Whether to ask a model for `verbose_json` (segment timestamps). OpenAI's gpt-4o transcription models
 * answer only `json`; whisper-1 and Whisper servers give timestamps. A model that refuses it anyway is
 * learnt from its 400 (see transcribe-request.ts).
 */
export function acceptsVerbose(model: string): boolean {
  return !/^gpt-4o/i.test(model.trim());
}
