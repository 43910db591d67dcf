import { describe, expect, it } from "vitest";
import { AUDIO_LIMITS, AudioRefusedError, checkAudio } from "../../src/audio/check.js";

function refusal(input: Parameters<typeof checkAudio>[0]): AudioRefusedError {
  try {
    checkAudio(input);
  } catch (err) {
    if (err instanceof AudioRefusedError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("checkAudio", () => {
  it.each([
    ["voice-message.ogg", "audio/ogg"],
    ["memo.m4a", "audio/x-m4a"],
    ["memo.m4a", "audio/mp4"],
    ["answer.mp3", "audio/mpeg"],
    ["answer.wav", "audio/wav"],
    ["answer.webm", "audio/webm"],
    ["answer.webm", "video/webm"],
    ["answer.mp4", "audio/mp4"],
    ["answer.opus", "audio/ogg; codecs=opus"],
    ["answer.OGG", null],
    ["memo.m4a", "application/octet-stream"],
    ["voice message", "audio/ogg"],
  ])("accepts %s (%s)", (filename, mimeType) => {
    expect(() => checkAudio({ bytes: 50_000, filename, mimeType })).not.toThrow();
  });

  it("refuses more than OpenAI's 25 MB, saying the size and the limit", () => {
    expect(AUDIO_LIMITS.maxBytes).toBe(25 * 1024 * 1024);
    expect(() =>
      checkAudio({ bytes: AUDIO_LIMITS.maxBytes, filename: "a.ogg", mimeType: "audio/ogg" }),
    ).not.toThrow();
    const err = refusal({ bytes: 31.4 * 1024 * 1024, filename: "a.wav", mimeType: "audio/wav" });
    expect(err.reason).toBe("too_big");
    expect(err.userMessage).toMatchInlineSnapshot(
      `"That recording is 31.4 MB; the limit is 25 MB. Record a shorter answer (two or three minutes is plenty) or send a compressed file (m4a, mp3, ogg)."`,
    );
  });

  it("refuses what is not audio, saying what to send", () => {
    const png = refusal({ bytes: 1000, filename: "chart.png", mimeType: "image/png" });
    expect(png.reason).toBe("not_audio");
    expect(png.userMessage).toMatchInlineSnapshot(
      `"That is not an audio file STAR Coach can transcribe (image/png): send ogg/opus, m4a, mp3, wav, webm or mp4 audio."`,
    );
    expect(refusal({ bytes: 1000, filename: "answer.txt", mimeType: null }).userMessage).toContain("(.txt)");
    expect(refusal({ bytes: 1000, filename: "answer", mimeType: null }).userMessage).toContain(
      "(a file without a type)",
    );
    expect(refusal({ bytes: 1000, filename: "a.ogg", mimeType: "text/plain" }).reason).toBe("not_audio");
    expect(refusal({ bytes: 1000, filename: "a.flac", mimeType: "audio/flac" }).reason).toBe("not_audio");
  });

  it("refuses an empty file", () => {
    expect(refusal({ bytes: 0, filename: "a.ogg", mimeType: "audio/ogg" }).userMessage).toBe(
      "That audio file is empty: record your answer again.",
    );
  });
});
