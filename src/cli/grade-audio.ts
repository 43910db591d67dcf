import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { checkAudio, extensionOf } from "../audio/check.js";
import { audioDurationSec } from "../audio/duration.js";
import { parseConfig, secretsOf } from "../config.js";
import { type Delivery, deliveryFigures, spokenSeconds } from "../core/delivery/delivery.js";
import { StarCoachError } from "../core/errors.js";
import type { Lexicon } from "../core/lexicon/schema.js";
import { type AudioInput, createTranscriber, type Transcriber, type Transcript } from "../llm/transcribe.js";
import { createLogger } from "../log.js";
import type { CliIO } from "./io.js";
import { InputFileError } from "./read-input.js";
import { safeText } from "./terminal/sanitize.js";

const MIME_TYPES: Record<string, string> = {
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  mp3: "audio/mpeg",
  mpga: "audio/mpeg",
  mpeg: "audio/mpeg",
  wav: "audio/wav",
  webm: "audio/webm",
};

/** The type a recording on disk is sent as, from its extension. */
export const mimeTypeFor = (filename: string): string =>
  MIME_TYPES[extensionOf(filename)] ?? "application/octet-stream";

function fileError(path: string, err: unknown): InputFileError {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : null;
  const name = safeText(path);
  const what =
    code === "ENOENT"
      ? `${name}: no such file. Check the path.`
      : code === "EISDIR"
        ? `${name} is a directory. Give an audio file in it.`
        : code === "EACCES" || code === "EPERM"
          ? `${name}: permission denied. Make the file readable.`
          : `${name}: cannot be read (${code ?? "unknown error"}).`;
  return new InputFileError(path, code, what);
}

/**
 * A recording from disk, checked (size and type: AudioRefusedError) before it is read whole. A file that
 * cannot be read is an InputFileError.
 */
export async function readAudioFile(path: string): Promise<AudioInput> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("a directory"), { code: "EISDIR" });
    bytes = info.size;
  } catch (err) {
    throw fileError(path, err);
  }
  const filename = basename(path);
  checkAudio({ bytes, filename, mimeType: null });
  try {
    return { data: new Uint8Array(await readFile(path)), filename, mimeType: mimeTypeFor(filename) };
  } catch (err) {
    throw fileError(path, err);
  }
}

/** Nothing was heard: an empty transcript is not an answer to grade. */
export class NothingHeardError extends StarCoachError {
  override readonly name = "NothingHeardError";
  constructor() {
    const message =
      "Nothing was heard in that recording: check the microphone and record again, or type your answer.";
    super(message, { userMessage: message });
  }
}

/** A voice answer, transcribed: the transcript is the answer; the delivery goes with its grade. */
export interface VoiceAnswer {
  transcript: Transcript;
  durationSec: number | null;
  delivery: Delivery;
}

/**
 * Reads the recording's duration and transcribes it (TranscriptionFailedError after its retry,
 * NothingHeardError for silence). The audio is only held in memory: never written anywhere.
 */
export async function transcribeAnswer(
  audio: AudioInput,
  transcriber: Transcriber,
  lexicon: Lexicon,
): Promise<VoiceAnswer> {
  const [durationSec, transcript] = await Promise.all([
    audioDurationSec(audio),
    transcriber.transcribe(audio),
  ]);
  if (transcript.text.trim() === "") throw new NothingHeardError();
  const delivery = deliveryFigures(
    {
      transcript: transcript.text,
      segments: transcript.segments,
      durationSec: spokenSeconds(durationSec, transcript.segments),
    },
    lexicon,
  );
  return { transcript, durationSec, delivery };
}

/**
 * The transcriber the environment configures (null: VOICE_NOT_CONFIGURED); its logs go to standard
 * error, errors only unless LOG_LEVEL says otherwise: a failure is already said in one line.
 */
export function cliTranscriber(io: CliIO): Transcriber | null {
  const config = parseConfig(io.env);
  const logger = createLogger({
    level: config.LOG_LEVEL ?? "error",
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
    destination: io.stderr,
  });
  return createTranscriber(config, logger);
}
