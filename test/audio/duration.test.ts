import { describe, expect, it } from "vitest";
import { audioDurationSec } from "../../src/audio/duration.js";
import { oggOpusSilence, wavTone } from "../helpers/audio.js";

const within5 = (got: number | null, want: number) => {
  expect(got).not.toBeNull();
  expect(Math.abs((got ?? 0) - want) / want).toBeLessThanOrEqual(0.05);
};

describe("audioDurationSec", () => {
  it.each([3, 47.5, 125])("reads a %s s WAV tone's duration within 5%%", async (seconds) => {
    within5(
      await audioDurationSec({ data: wavTone(seconds), filename: "a.wav", mimeType: "audio/wav" }),
      seconds,
    );
  });

  it.each([2, 30, 95.4])("reads a %s s Ogg Opus stream's duration within 5%%", async (seconds) => {
    const data = oggOpusSilence(seconds);
    within5(await audioDurationSec({ data, filename: "voice-message.ogg", mimeType: "audio/ogg" }), seconds);
  });

  it("reads the Ogg Opus duration without a type or a name to go by", async () => {
    within5(
      await audioDurationSec({
        data: oggOpusSilence(12),
        filename: "memo",
        mimeType: "application/octet-stream",
      }),
      12,
    );
  });

  it("is null for what is not audio, never an error", async () => {
    const data = new TextEncoder().encode("not audio at all, just some words in a file");
    expect(await audioDurationSec({ data, filename: "notes.txt", mimeType: "text/plain" })).toBeNull();
    expect(
      await audioDurationSec({ data: new Uint8Array(0), filename: "x.ogg", mimeType: "audio/ogg" }),
    ).toBeNull();
  });
});
