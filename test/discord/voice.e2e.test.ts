import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { AUDIO_LIMITS, AudioRefusedError } from "../../src/audio/check.js";
import { deliveryFeedback, deliveryFigures } from "../../src/core/delivery/delivery.js";
import { downloadCapped } from "../../src/discord/voice/download.js";
import { heldAudio } from "../../src/discord/voice/held.js";
import { VOICE_NOT_CONFIGURED } from "../../src/llm/transcribe.js";
import { type FakeDiscord, findButton, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { oggOpusSilence, wavTone } from "../helpers/audio.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { content } from "../helpers/grade.js";
import { tempDataDir } from "../helpers/sessions.js";

/** What the transcriber "hears": a STAR answer with fillers, a hedge, a long pause and one misheard word. */
const SEGMENTS = [
  {
    start: 0,
    end: 21.5,
    text: "Um, at our Columbus DC cycle counts showed 91% location accuracy and stores were getting short shipments.",
  },
  {
    start: 21.9,
    end: 38,
    text: "My goal was to reach 98% accuracy within six months without extra headcount.",
  },
  {
    start: 41.2,
    end: 70.4,
    text: "I ran a Paredo on adjustment records, you know, moved the fast movers to weekly ABC counts and uh retrained receiving on unit of measure checks.",
  },
  {
    start: 70.9,
    end: 93.8,
    text: "As a result accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year, I think.",
  },
];
const HEARD = SEGMENTS.map((s) => s.text).join(" ");
const EDITED = HEARD.replace("Paredo", "Pareto");

let discord: FakeDiscord | undefined;
let bot: BotUnderTest | undefined;
let stt: FakeOpenAI | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
  discord = undefined;
  await stt?.close();
  stt = undefined;
});

async function setUp(options: { voice: boolean } = { voice: true }) {
  discord = await startFakeDiscord({ waitTimeoutMs: 15_000 });
  stt = await startFakeOpenAI();
  stt.handleTranscription(() => ({ text: HEARD, segments: SEGMENTS, duration: 36.4 }));
  const dataDir = tempDataDir();
  const env: Record<string, string> = options.voice
    ? { TRANSCRIBE_BASE_URL: stt.url, TRANSCRIBE_MODEL: "whisper-1" }
    : {};
  bot = await startTestBot(discord, dataDir, { env });
  return { discord, dataDir, stt };
}

/** The bot's `n`th message (from 1) in the user's DM. */
function botDm(d: FakeDiscord, dmId: string, n: number): Promise<APIMessage> {
  return d.waitFor(() => {
    const mine = d.channelMessages(dmId).filter((m) => m.author.id === d.botUserId);
    return mine.length >= n ? mine[n - 1] : undefined;
  }, `the bot's DM message #${n}`);
}

async function startInterview(d: FakeDiscord): Promise<APIMessage> {
  const start = d.slashCommand({
    name: "interview",
    subcommand: "start",
    options: { level: "mid", focus: "inventory", questions: 2, followups: false },
  });
  return start.reply();
}

/** Every value in every table of the SQLite file, as text (blobs as UTF-8 and hex). */
function everythingStored(dataDir: string): string {
  const db = new BetterSqlite3(join(dataDir, "star-coach.db"), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
    }>;
    return tables
      .flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>)
      .flatMap((row) =>
        Object.values(row).map((v) =>
          Buffer.isBuffer(v) ? `${v.toString("utf8")} ${v.toString("hex")}` : String(v),
        ),
      )
      .join("\n");
  } finally {
    db.close();
  }
}

describe("voice answers in Discord (real discord.js client, fake Discord and transcription server)", () => {
  it("answers a DM interview question with a voice message: transcript, edit, grade, delivery, no audio kept", async () => {
    const { discord: d, dataDir, stt: server } = await setUp();
    const question = await startInterview(d);
    expect(messageText(question)).toContain("Question 1 of 2");
    // In the server, "Answer by voice" explains how, privately, and the question stays open.
    const how = await d.clickButton({ message: question, label: "Answer by voice" }).response();
    expect(how.data.flags).toBe(64);
    expect(JSON.stringify(how.data.embeds)).toContain("direct message");

    const recording = oggOpusSilence(3);
    const voice = d.sendMessage({ voice: { data: recording, durationSecs: 36.4 } });
    expect(voice.flags).toBe(1 << 13);
    expect(voice.attachments[0]).toMatchObject({ content_type: "audio/ogg", duration_secs: 36.4 });
    const dmId = voice.channel_id;
    const shown = await botDm(d, dmId, 1);
    expect(messageText(shown)).toContain("Paredo");
    expect(messageText(shown)).toContain("(36 s)");
    expect(d.cdnDownloads).toEqual([{ path: expect.stringMatching(/^\/attachments\//), status: 200 }]);
    expect(server.transcriptions).toHaveLength(1);
    expect(server.transcriptions[0]).toMatchObject({
      filename: "voice-message.ogg",
      bytes: recording.byteLength,
      model: "whisper-1",
      responseFormat: "verbose_json",
    });
    expect(Buffer.from(server.transcriptions[0]?.data ?? [])).toEqual(Buffer.from(recording));

    const edit = d.clickButton({ message: shown, label: "Edit transcript" });
    const modal = await edit.modal();
    expect(JSON.stringify(modal)).toContain(JSON.stringify(HEARD).slice(1, -1));
    const graded = await d.submitModal({ from: edit, fields: { transcript: EDITED } }).reply();
    const text = messageText(graded);
    expect(text).toMatch(/Feedback: \d\/5/);
    expect(text).toContain("Delivery");
    // Delivery comes from what was said (the heard transcript, its times and Discord's duration).
    const delivery = deliveryFigures(
      { transcript: HEARD, segments: SEGMENTS, durationSec: 36.4 },
      content.lexicon,
    );
    expect(delivery).toMatchObject({
      duration_s: 36.4,
      words: 79,
      filler_count: 3,
      fillers: expect.arrayContaining([{ word: "um", count: 1 }]),
      hedges: ["i think"],
      pauses_over_2s: 1,
    });
    expect(Math.round(delivery.words_per_minute ?? 0)).toBe(130);
    for (const line of deliveryFeedback(delivery)) expect(text).toContain(line);
    findButton(graded, "Next");

    // The transcript is stored as the answer (the edited one); the audio never is.
    await bot?.stop();
    bot = undefined;
    const stored = everythingStored(dataDir);
    expect(stored).toContain("Pareto on adjustment records");
    // Its delivery is stored with its grade, for progress over time.
    expect(stored).toContain('"filler_count":3');
    expect(stored).not.toContain("voice-message.ogg");
    expect(stored).not.toContain("OpusHead");
    expect(stored).not.toContain(Buffer.from("OpusHead").toString("hex"));
    expect(d.violations).toEqual([]);
    expect(d.unknownRoutes).toEqual([]);
    for (const r of d.requestsTo("POST", "/channels/:channelId/messages"))
      expect((r.body as { allowed_mentions?: { parse?: unknown[] } }).allowed_mentions?.parse).toEqual([]);
  });

  it("refuses oversize and non-audio attachments with a message, before downloading them", async () => {
    const { discord: d } = await setUp();
    await startInterview(d);
    const big = d.sendMessage({
      attachments: [
        {
          filename: "answer.m4a",
          contentType: "audio/mp4",
          data: new Uint8Array(16),
          size: 26 * 1024 * 1024,
        },
      ],
    });
    const dmId = big.channel_id;
    expect(messageText(await botDm(d, dmId, 1))).toContain("the limit is 25 MB");
    d.sendMessage({
      attachments: [{ filename: "notes.pdf", contentType: "application/pdf", data: new Uint8Array(64) }],
    });
    expect(messageText(await botDm(d, dmId, 2))).toContain("not an audio file");
    d.sendMessage({ content: "Here is my answer: at our DC..." });
    expect(messageText(await botDm(d, dmId, 3))).toContain("Send your answer as a voice message");
    expect(d.cdnDownloads).toEqual([]);
    expect(d.violations).toEqual([]);
  });

  it("stops reading a download past the size limit", async () => {
    const { discord: d } = await setUp();
    const sent = d.sendMessage({
      attachments: [{ filename: "long.wav", contentType: "audio/wav", data: wavTone(1), size: 100 }],
    });
    const url = sent.attachments[0]?.url ?? "";
    await expect(downloadCapped(url, { filename: "long.wav", mimeType: "audio/wav" }, 1000)).rejects.toThrow(
      AudioRefusedError,
    );
    const whole = await downloadCapped(url, { filename: "long.wav", mimeType: "audio/wav" });
    expect(whole.byteLength).toBe(wavTone(1).byteLength);
    expect(AUDIO_LIMITS.maxBytes).toBe(25 * 1024 * 1024);
  });

  it("says in one line what to set when no transcriber is configured, and hints when no question is open", async () => {
    const { discord: d } = await setUp({ voice: false });
    const first = d.sendMessage({ voice: { data: oggOpusSilence(1), durationSecs: 1 } });
    const dmId = first.channel_id;
    expect(messageText(await botDm(d, dmId, 1))).toBe(
      "Start with `/interview start`, then answer with a voice message here.",
    );
    await startInterview(d);
    d.sendMessage({ voice: { data: oggOpusSilence(1), durationSecs: 1 } });
    expect(messageText(await botDm(d, dmId, 2))).toBe(VOICE_NOT_CONFIGURED);
    expect(d.cdnDownloads).toEqual([]);
    expect(d.violations).toEqual([]);
  });

  it("retries a failing transcription, refuses cleanly with Retry, and transcribes the kept audio on Retry", async () => {
    const { discord: d, stt: server } = await setUp();
    await startInterview(d);
    server.enqueueTranscription({ status: 503 }, { status: 503 });
    const voice = d.sendMessage({ voice: { data: oggOpusSilence(2), durationSecs: 36.4 } });
    const failed = await botDm(d, voice.channel_id, 1);
    expect(server.transcriptions).toHaveLength(2);
    expect(messageText(failed)).toContain("Transcription failed");
    expect(messageText(failed)).toContain("kept in memory for 10 minutes");
    expect(heldAudio.size).toBe(1);
    const retry = d.clickButton({ message: failed, label: "Retry" });
    const shown = await retry.reply();
    expect(server.transcriptions).toHaveLength(3);
    expect(heldAudio.size).toBe(0);
    expect(messageText(shown)).toContain("Paredo");
    // The grade goes through the session, as a typed answer would.
    const graded = await d.clickButton({ message: shown, label: "Grade this" }).reply();
    expect(messageText(graded)).toMatch(/Feedback: \d\/5/);
    expect(messageText(graded)).toContain("Delivery");
    // The recording is gone: a second Retry has nothing to send.
    const again = await d.clickButton({ message: failed, label: "Retry" }).reply();
    expect(messageText(again)).toContain("no longer held");
    expect(d.violations).toEqual([]);
  });

  it("grades an audio file given to /grade, its length read from the file", async () => {
    const { discord: d, stt: server, dataDir } = await setUp();
    const upload = d.uploadAttachment({ filename: "memo.wav", contentType: "audio/wav", data: wavTone(2) });
    const graded = await d
      .slashCommand({ name: "grade", options: { audio: upload.id, question: "inv-cycle-count-gap" } })
      .reply();
    expect(server.transcriptions).toHaveLength(1);
    const text = messageText(graded);
    expect(text).toContain("Your answer, transcribed");
    expect(text).toMatch(/Feedback: \d\/5/);
    // No duration_secs on an uploaded file: the WAV's own header gives 2 s.
    expect(text).toContain(
      deliveryFeedback(
        deliveryFigures({ transcript: HEARD, segments: null, durationSec: 2 }, content.lexicon),
      )[0],
    );
    await bot?.stop();
    bot = undefined;
    const stored = everythingStored(dataDir);
    expect(stored).toContain("Paredo on adjustment records");
    expect(stored).not.toContain("memo.wav");
    expect(stored).not.toContain("RIFF");
    expect(d.violations).toEqual([]);
  });
});
