import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import {
  type AudioInput,
  acceptsVerbose,
  createTranscriber,
  type Transcriber,
  TranscriptionFailedError,
  VOICE_NOT_CONFIGURED,
} from "../../src/llm/transcribe.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { oggOpusSilence } from "../helpers/audio.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { API_KEY } from "./helpers.js";

let fake: FakeOpenAI;
let capture: LogCapture;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  capture = captureLog();
  fake.transcriptions.length = 0;
  fake.handleTranscription(() => ({ status: 500, message: "nothing scripted" }));
});

const audio: AudioInput = { data: oggOpusSilence(3), filename: "voice-message.ogg", mimeType: "audio/ogg" };
const SEGMENTS = [
  { start: 0, end: 4.2, text: "Um, at my last job late orders were 40 a week." },
  { start: 6.8, end: 11, text: "I mapped the pick path and we cut them to 12." },
];

function transcriber(env: Record<string, string> = {}): Transcriber {
  const config = parseConfig({
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: fake.url,
    TRANSCRIBE_MODEL: "whisper-1",
    ...env,
  });
  const t = createTranscriber(config, capture.log);
  if (!t) throw new Error("expected a transcriber");
  return t;
}

async function failure(p: Promise<unknown>): Promise<TranscriptionFailedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranscriptionFailedError);
  return err as TranscriptionFailedError;
}

describe("createTranscriber", () => {
  it("is null without OPENAI_API_KEY or a TRANSCRIBE_BASE_URL, and says what to set in one line", () => {
    expect(createTranscriber(parseConfig({}), capture.log)).toBeNull();
    expect(createTranscriber(parseConfig({ OPENAI_BASE_URL: fake.url }), capture.log)).toBeNull();
    expect(createTranscriber(parseConfig({ TRANSCRIBE_BASE_URL: fake.url }), capture.log)).not.toBeNull();
    expect(VOICE_NOT_CONFIGURED).not.toContain("\n");
    expect(VOICE_NOT_CONFIGURED).toMatchInlineSnapshot(
      `"Voice answers need a transcription server: set OPENAI_API_KEY (OpenAI, TRANSCRIBE_MODEL picks the model) or TRANSCRIBE_BASE_URL (a self-hosted Whisper server), or type your answer."`,
    );
  });

  it("defaults to a current OpenAI transcription model, and asks gpt-4o models for plain json", () => {
    expect(parseConfig({}).TRANSCRIBE_MODEL).toBe("gpt-4o-mini-transcribe");
    expect(acceptsVerbose("gpt-4o-mini-transcribe")).toBe(false);
    expect(acceptsVerbose("whisper-1")).toBe(true);
    expect(acceptsVerbose("Systran/faster-whisper-small")).toBe(true);
  });
});

describe("a transcription against the fake server", () => {
  it("sends the audio as multipart with verbose_json and segment timestamps, and returns the segments", async () => {
    fake.enqueueTranscription({
      text: SEGMENTS.map((s) => s.text).join(" "),
      segments: SEGMENTS,
      duration: 11,
    });
    const t = await transcriber().transcribe(audio);
    expect(t.text).toBe(SEGMENTS.map((s) => s.text).join(" "));
    expect(t.segments).toEqual(SEGMENTS);
    const [sent] = fake.transcriptions;
    expect(sent).toMatchObject({
      model: "whisper-1",
      responseFormat: "verbose_json",
      timestampGranularities: ["segment"],
      filename: "voice-message.ogg",
      mimeType: "audio/ogg",
      bytes: audio.data.byteLength,
    });
    expect(Buffer.from(sent?.data ?? []).equals(Buffer.from(audio.data))).toBe(true);
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    // Ids, sizes and times in the log; never what was said.
    expect(JSON.stringify(capture.lines)).not.toContain("pick path");
    expect(capture.with("transcribed")[0]).toMatchObject({ attempts: 1, segments: 2 });
  });

  it("goes to TRANSCRIBE_BASE_URL when set, with no key needed", async () => {
    fake.enqueueTranscription({ text: "hello" });
    const t = createTranscriber(
      parseConfig({ TRANSCRIBE_BASE_URL: fake.url, TRANSCRIBE_MODEL: "whisper-1" }),
      capture.log,
    );
    expect(await t?.transcribe(audio)).toEqual({
      text: "hello",
      segments: [{ start: 0, end: 5, text: "hello" }],
    });
  });

  it("asks a gpt-4o transcription model for json, and gives null segments", async () => {
    fake.enqueueTranscription({ text: "Plain text only." });
    const t = await transcriber({ TRANSCRIBE_MODEL: "gpt-4o-mini-transcribe" }).transcribe(audio);
    expect(t).toEqual({ text: "Plain text only.", segments: null });
    expect(fake.transcriptions[0]?.responseFormat).toBe("json");
  });

  it("falls back to plain json, once and for later calls, when a model refuses verbose_json", async () => {
    fake.enqueueTranscription(
      {
        status: 400,
        message: "response_format 'verbose_json' is not compatible with model 'my-model'",
        error: { param: "response_format", code: "unsupported_value" },
      },
      { text: "Without timestamps." },
      { text: "Again." },
    );
    const t = transcriber({ TRANSCRIBE_MODEL: "my-model" });
    expect(await t.transcribe(audio)).toEqual({ text: "Without timestamps.", segments: null });
    expect(await t.transcribe(audio)).toEqual({ text: "Again.", segments: null });
    expect(fake.transcriptions.map((r) => r.responseFormat)).toEqual(["verbose_json", "json", "json"]);
    expect(capture.with("the model has no timestamps; plain json from now on")).toHaveLength(1);
  });

  it("retries a 5xx once, then succeeds", async () => {
    fake.enqueueTranscription(
      { status: 503, message: "overloaded" },
      { text: "Second time lucky.", segments: SEGMENTS },
    );
    const t = await transcriber().transcribe(audio);
    expect(t.text).toBe("Second time lucky.");
    expect(fake.transcriptions).toHaveLength(2);
    expect(capture.with("transcribed")[0]).toMatchObject({ attempts: 2 });
  });

  it("gives up after one retry when the server always fails: TranscriptionFailedError, audio kept", async () => {
    fake.enqueueTranscription({ status: 500 });
    fake.handleTranscription(() => ({ status: 502 }));
    const err = await failure(transcriber().transcribe(audio));
    expect(fake.transcriptions).toHaveLength(2);
    expect(err.reason).toBe("server_error");
    expect(err.userMessage).toMatchInlineSnapshot(
      `"Transcription failed (a server error, HTTP 502): your audio is kept; try again, or type your answer."`,
    );
  });

  it("does not retry what a retry cannot fix (401), and says so", async () => {
    fake.enqueueTranscription({ status: 401, message: "bad key" });
    const err = await failure(transcriber().transcribe(audio));
    expect(fake.transcriptions).toHaveLength(1);
    expect(err.reason).toBe("api_error");
    expect(err.userMessage).toContain("the server refused the request, HTTP 401");
  });

  it("ends a stalled body at the deadline: a timeout, within TRANSCRIBE_TIMEOUT_MS", async () => {
    fake.enqueueTranscription({ stallBody: true });
    const started = Date.now();
    const err = await failure(transcriber({ TRANSCRIBE_TIMEOUT_MS: "1000" }).transcribe(audio));
    expect(err.reason).toBe("timeout");
    expect(err.userMessage).toMatchInlineSnapshot(
      `"Transcription failed (the server took too long): your audio is kept; try again, or type your answer."`,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("times out a server that never answers, and a hang-up is retried", async () => {
    fake.enqueueTranscription({ hangUp: true }, { text: "After the hang-up." });
    expect((await transcriber().transcribe(audio)).text).toBe("After the hang-up.");
    fake.enqueueTranscription({ delayMs: 5000 });
    const err = await failure(transcriber({ TRANSCRIBE_TIMEOUT_MS: "1000" }).transcribe(audio));
    expect(err.reason).toBe("timeout");
  });

  it("reads a reply with no text as a failure, and bad segments as none", async () => {
    fake.enqueueTranscription({ text: "ok", segments: [] });
    expect(await transcriber().transcribe(audio)).toEqual({ text: "ok", segments: null });
  });
});
