import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliverySchema } from "../../src/core/delivery/schema.js";
import { GradeSchema } from "../../src/core/grading/types.js";
import { VOICE_NOT_CONFIGURED } from "../../src/llm/transcribe.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { oggOpusSilence, SPOKEN_ANSWER, wavTone } from "../helpers/audio.js";
import { runInProcess } from "../helpers/in-process-cli.js";

const SEGMENTS = [
  { start: 0.4, end: 11.8, text: "…" },
  { start: 12.1, end: 40.5, text: "…" },
  { start: 44.0, end: 80.2, text: "…" },
  { start: 80.6, end: 118.9, text: "…" },
];

let fake: FakeOpenAI;
const dir = mkdtempSync(join(tmpdir(), "star-voice-"));
const wav = join(dir, "answer.wav");
const ogg = join(dir, "voice-message.ogg");
beforeAll(async () => {
  fake = await startFakeOpenAI();
  writeFileSync(wav, wavTone(120));
  writeFileSync(ogg, oggOpusSilence(95));
  writeFileSync(join(dir, "notes.txt"), "my answer, typed");
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.transcriptions.length = 0;
  fake.handleTranscription(() => ({ status: 500, message: "nothing scripted" }));
});

const env = () => ({ TRANSCRIBE_BASE_URL: fake.url, TRANSCRIBE_MODEL: "whisper-1" });
const QUESTION = ["--question-text", "Tell me about a time you improved a process."];

describe("star-coach grade --audio", () => {
  it("transcribes a recording, grades the transcript and adds the delivery figures (--json)", async () => {
    fake.enqueueTranscription({ text: SPOKEN_ANSWER, segments: SEGMENTS, duration: 120 });
    const run = await runInProcess(["grade", "--audio", wav, ...QUESTION, "--json"], { env: env() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.transcript).toBe(SPOKEN_ANSWER);
    const grade = GradeSchema.parse(out);
    const delivery = DeliverySchema.parse(out.delivery);
    expect(grade.delivery).toEqual(delivery);
    expect(Object.keys(out).slice(-2)).toEqual(["transcript", "delivery"]);
    // The WAV's real 120 s, not the transcriber's figure.
    expect(delivery.duration_s).toBe(120);
    expect(delivery.words_per_minute).toBe(Math.round(delivery.words / 2));
    expect(delivery).toMatchObject({
      filler_count: 4,
      fillers: [
        { word: "um", count: 1 },
        { word: "like", count: 1 },
        { word: "uh", count: 1 },
        { word: "basically", count: 1 },
      ],
      hedges: ["i think"],
      pauses_over_2s: 1,
    });
    expect(grade.overall).toBeGreaterThanOrEqual(4);
    expect(fake.transcriptions[0]).toMatchObject({ filename: "answer.wav", mimeType: "audio/wav" });
  });

  it("prints the transcript, the feedback and the delivery lines", async () => {
    fake.enqueueTranscription({ text: SPOKEN_ANSWER, segments: SEGMENTS });
    const run = await runInProcess(["grade", "--audio", ogg, ...QUESTION], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Transcript \(what was heard; the audio is not kept\)\nUm, so at my last job/,
    );
    expect(run.stdout).toMatch(/^Overall \d\/5 +\(entry level, \d+ words, 1\.6 min spoken\)/m);
    const delivery = run.stdout.slice(run.stdout.indexOf("\nDelivery\n"));
    expect(delivery).toContain("  - Length 1:35 (95 s): within the 90–150 s target.");
    expect(delivery).toMatch(/ {2}- Pace \d+ words a minute/);
    expect(delivery).toContain('  - Fillers: 4 (2.5 a minute): "um" ×1, "like" ×1, "uh" ×1, "basically" ×1.');
    expect(delivery).toContain('  - Hedges: "I think"');
    expect(fake.transcriptions[0]).toMatchObject({ filename: "voice-message.ogg", mimeType: "audio/ogg" });
  });

  it("says what to set, in one line, when no transcription server is configured", async () => {
    const run = await runInProcess(["grade", "--audio", wav, ...QUESTION], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`star-coach grade: ${VOICE_NOT_CONFIGURED}\n`);
    expect(run.stdout).toBe("");
  });

  it("refuses what is not audio and a missing file before sending anything", async () => {
    const txt = await runInProcess(["grade", "--audio", join(dir, "notes.txt"), ...QUESTION], { env: env() });
    expect(txt.code).toBe(1);
    expect(txt.stderr).toContain("That is not an audio file STAR Coach can transcribe (.txt)");
    const missing = await runInProcess(["grade", "--audio", join(dir, "nope.ogg"), ...QUESTION], {
      env: env(),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.ogg: no such file\. Check the path\.\n$/);
    expect(fake.transcriptions).toHaveLength(0);
  });

  it("retries a failed transcription once, then refuses cleanly (exit 1, one line)", async () => {
    fake.handleTranscription(() => ({ status: 503 }));
    const run = await runInProcess(["grade", "--audio", wav, ...QUESTION], { env: env() });
    expect(run.code).toBe(1);
    expect(fake.transcriptions).toHaveLength(2);
    expect(run.stderr).toBe(
      "star-coach grade: Transcription failed (a server error, HTTP 503): your audio is kept; try again, or type your answer.\n",
    );
  });

  it("refuses a silent recording rather than grade nothing", async () => {
    fake.enqueueTranscription({ text: "  " });
    const run = await runInProcess(["grade", "--audio", ogg, ...QUESTION], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Nothing was heard in that recording");
  });

  it("takes --audio alone: no FILE, no --jsonl, and a question", async () => {
    expect((await runInProcess(["grade", "--audio", wav, ...QUESTION, "answer.txt"])).code).toBe(2);
    expect((await runInProcess(["grade", "--audio", wav, "--jsonl"])).code).toBe(2);
    const none = await runInProcess(["grade", "--audio", wav]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("give --question ID or --question-text TEXT");
  });
});
