import type { AudioInput } from "../llm/transcribe.js";

/**
 * The recording's length in seconds, read from its container (music-metadata), or null when the file does
 * not say (a stream without a duration, or not a format it reads). Never throws.
 */
export async function audioDurationSec(audio: AudioInput): Promise<number | null> {
  try {
    const { parseBuffer } = await import("music-metadata");
    const meta = await parseBuffer(
      audio.data,
      { mimeType: audio.mimeType, size: audio.data.byteLength, path: audio.filename },
      { duration: true, skipCovers: true },
    );
    const seconds = meta.format.duration;
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
  } catch {
    return null;
  }
}
