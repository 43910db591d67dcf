import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typedPath } from "../../src/cli/terminal/answer-prompt.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { oggOpusSilence, SPOKEN_ANSWER } from "../helpers/audio.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { storedAttempts } from "./practice-fixtures.js";

const ONE_QUESTION = ["--level", "mid", "--focus", "inventory", "--questions", "1", "--no-follow-ups"];
const flat = (text: string) => text.replace(/\s+/g, " ");

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

describe("v at the answer prompt", () => {
  it("transcribes a recording, shows the transcript, stores it as the answer and shows the delivery", async () => {
    const dataDir = tempDataDir();
    const memo = join(dataDir, "my memo.ogg");
    writeFileSync(memo, oggOpusSilence(110));
    fake.enqueueTranscription({
      text: SPOKEN_ANSWER,
      segments: [{ start: 0, end: 109, text: SPOKEN_ANSWER }],
    });
    const run = await runInProcess(["practice", "--user", "voice", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir, TRANSCRIBE_BASE_URL: fake.url, TRANSCRIBE_MODEL: "whisper-1" },
      // v, the path as a terminal pastes a dropped file (spaces escaped), Enter grades it, f for the full
      // feedback, Enter for the report.
      input: `v\n${memo.replace(/ /g, "\\ ")}\n\nf\n\n`,
    });
    expect(run.code).toBe(0);
    const out = flat(run.stdout);
    expect(out).toContain("v answers from a recording");
    expect(out).toContain("What was heard (the audio is not kept): Um, so at my last job");
    // The compact feedback has the figures; the full one (f) the advice too.
    expect(out).toMatch(/Delivery: 1:50 spoken · \d+ words a minute · 4 fillers · 1 hedge · no long pauses/);
    expect(out).toContain("- Length 1:50 (110 s): within the 90–150 s target.");
    expect(out).toContain('- Fillers: 4 (2.2 a minute): "um" ×1, "like" ×1, "uh" ×1, "basically" ×1.');
    const [attempt] = await storedAttempts(dataDir, "voice");
    expect(attempt?.answerText).toBe(SPOKEN_ANSWER);
    // The delivery is kept with the grade, for progress over time.
    expect(attempt?.grade).toMatchObject({ delivery: { duration_s: 110, filler_count: 4 } });
    // Progress over time: `history` shows the spoken answers' pace and fillers.
    const history = await runInProcess(["history", "--user", "voice"], { env: { DATA_DIR: dataDir } });
    expect(history.stdout).toMatch(
      /\nSpeaking\n {2}1 spoken answer\.\n {2}Pace: \d+ words a minute \(easy to follow: 130–160\)\.\n {2}Fillers: 2\.2 a minute\.\n {2}Length: 110 s on average/,
    );
    // The audio is not copied anywhere: the data folder holds only what it held.
    expect(readdirSync(dataDir).filter((f) => /\.(ogg|wav|m4a|mp3|webm)$/.test(f))).toEqual(["my memo.ogg"]);
    expect(fake.transcriptions.at(-1)).toMatchObject({ filename: "my memo.ogg", mimeType: "audio/ogg" });
  });

  it("says what to set when voice is not configured, and takes a typed answer instead", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(["practice", "--user", "novoice", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir },
      input: `v\n${join(dataDir, "x.ogg")}\nWe had late trucks. I called the carrier. It got better.\n\n\n`,
    });
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain("Voice answers need a transcription server: set OPENAI_API_KEY");
    const [attempt] = await storedAttempts(dataDir, "novoice");
    expect(attempt?.answerText).toBe("We had late trucks. I called the carrier. It got better.");
  });

  it("refuses a file that is not audio, and a failed transcription, then asks again", async () => {
    const dataDir = tempDataDir();
    const notes = join(dataDir, "notes.txt");
    const memo = join(dataDir, "memo.ogg");
    writeFileSync(notes, "text");
    writeFileSync(memo, oggOpusSilence(5));
    fake.enqueueTranscription({ status: 500 }, { status: 500 });
    const run = await runInProcess(["practice", "--user", "refused", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir, TRANSCRIBE_BASE_URL: fake.url },
      input: `v\n${notes}\nv\n'${memo}'\nv\n\ns\n\n`,
    });
    expect(run.code).toBe(0);
    const out = flat(run.stdout);
    expect(out).toContain("That is not an audio file STAR Coach can transcribe (.txt)");
    expect(out).toContain("Transcription failed (a server error, HTTP 500): your audio is kept");
    expect(out).toContain("Skipped: nothing was saved for this question.");
    expect(await storedAttempts(dataDir, "refused")).toEqual([]);
  });
});

describe("typedPath", () => {
  it("reads a path as a terminal pastes a dropped file", () => {
    expect(typedPath("  '/a b/c.ogg' ", "/home/me")).toBe("/a b/c.ogg");
    expect(typedPath('"/a b/c.ogg"', "/home/me")).toBe("/a b/c.ogg");
    expect(typedPath("/a\\ b/c.ogg", "/home/me")).toBe("/a b/c.ogg");
    expect(typedPath("~/memo.m4a", "/home/me")).toBe("/home/me/memo.m4a");
  });
});
