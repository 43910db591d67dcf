import { StarCoachError } from "../core/errors.js";

/**
 * What a voice answer may be: OpenAI's transcription limit (25 MB) and the containers a phone voice memo,
 * a recorder or Discord's voice messages write (ogg/opus, m4a, mp3, wav, webm, mp4 audio).
 */
export const AUDIO_LIMITS: {
  readonly maxBytes: number;
  readonly extensions: readonly string[];
  readonly mimeTypes: readonly string[];
} = {
  maxBytes: 25 * 1024 * 1024,
  extensions: ["ogg", "oga", "opus", "m4a", "mp3", "mpga", "mpeg", "wav", "webm", "mp4"],
  mimeTypes: [
    "audio/ogg",
    "audio/opus",
    "audio/mpeg",
    "audio/mp3",
    "audio/mp4",
    "audio/m4a",
    "audio/x-m4a",
    "audio/aac",
    "audio/wav",
    "audio/wave",
    "audio/x-wav",
    "audio/vnd.wave",
    "audio/webm",
    "video/webm",
    "video/mp4",
  ],
};

/** The formats a person may send, as the refusals name them. */
const FORMATS = "ogg/opus, m4a, mp3, wav, webm or mp4 audio";
/** Types that say nothing about the content: the extension decides. */
const UNTYPED = new Set(["application/octet-stream", "binary/octet-stream", ""]);

export type AudioRefusal = "too_big" | "empty" | "not_audio";

/** An attachment or file that is not sent for transcription; `userMessage` says why and what to do. */
export class AudioRefusedError extends StarCoachError {
  override readonly name = "AudioRefusedError";
  constructor(
    readonly reason: AudioRefusal,
    message: string,
  ) {
    super(message, { userMessage: message });
  }
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;

/** The file name's extension, lower case, without the dot ("" for none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** "audio/ogg; codecs=opus" as "audio/ogg". */
const bareType = (mimeType: string) => (mimeType.split(";")[0] ?? "").trim().toLowerCase();

/**
 * Refuses (AudioRefusedError) what is too big, empty or not audio: a declared type must be an audio type
 * we accept; with no type (or a generic octet-stream, as a file on disk has) the extension decides.
 */
export function checkAudio(input: { bytes: number; filename: string; mimeType: string | null }): void {
  if (input.bytes > AUDIO_LIMITS.maxBytes)
    throw new AudioRefusedError(
      "too_big",
      `That recording is ${megabytes(input.bytes)}; the limit is ${megabytes(AUDIO_LIMITS.maxBytes)}. Record a shorter answer (two or three minutes is plenty) or send a compressed file (m4a, mp3, ogg).`,
    );
  if (input.bytes <= 0)
    throw new AudioRefusedError("empty", "That audio file is empty: record your answer again.");
  const ext = extensionOf(input.filename);
  const type = input.mimeType === null ? "" : bareType(input.mimeType);
  const extOk = AUDIO_LIMITS.extensions.includes(ext);
  const typeOk = AUDIO_LIMITS.mimeTypes.includes(type);
  const typeSilent = UNTYPED.has(type);
  if (typeOk || (typeSilent && extOk)) return;
  const what = !typeSilent ? type : ext ? `.${ext}` : "a file without a type";
  throw new AudioRefusedError(
    "not_audio",
    `That is not an audio file STAR Coach can transcribe (${what}): send ${FORMATS}.`,
  );
}
