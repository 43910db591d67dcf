import { AUDIO_LIMITS, AudioRefusedError, checkAudio } from "../../audio/check.js";
import { UserError } from "../errors.js";

/** A download from Discord's CDN that did not arrive: the user can send it again. */
export class DownloadFailedError extends UserError {}

const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * An attachment's bytes, read from Discord's CDN up to AUDIO_LIMITS.maxBytes: a file larger than Discord
 * said (or than the limit) is cut off there and refused, never read to its end.
 */
export async function downloadCapped(
  url: string,
  file: { filename: string; mimeType: string | null },
  maxBytes: number = AUDIO_LIMITS.maxBytes,
): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS);
  timer.unref();
  try {
    const response = await fetch(url, { signal: controller.signal }).catch((err: unknown) => {
      throw new DownloadFailedError("Discord did not hand over that recording: send it again.", {
        cause: err,
      });
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadFailedError(
        `Discord did not hand over that recording (HTTP ${response.status}): send it again.`,
      );
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared)) checkAudio({ bytes: declared, ...file });
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.abort();
        checkAudio({ bytes: total, ...file });
        throw new AudioRefusedError("too_big", "That recording is larger than the limit.");
      }
      chunks.push(value);
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      data.set(chunk, at);
      at += chunk.byteLength;
    }
    return data;
  } catch (err) {
    if (err instanceof AudioRefusedError || err instanceof DownloadFailedError) throw err;
    throw new DownloadFailedError("The download of that recording was cut short: send it again.", {
      cause: err,
    });
  } finally {
    clearTimeout(timer);
  }
}
