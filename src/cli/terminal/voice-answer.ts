import { AudioRefusedError } from "../../audio/check.js";
import { parseConfig } from "../../config.js";
import type { Delivery } from "../../core/delivery/delivery.js";
import {
  createTranscriber,
  type Transcriber,
  TranscriptionFailedError,
  VOICE_NOT_CONFIGURED,
} from "../../llm/transcribe.js";
import { log } from "../../log.js";
import { NothingHeardError, readAudioFile, transcribeAnswer } from "../grade-audio.js";
import { InputFileError } from "../read-input.js";
import { pickKey } from "./dialog.js";
import { editText } from "./editor.js";
import { safeText, storableAnswer } from "./sanitize.js";
import type { PracticeSession } from "./session.js";

const transcribers = new WeakMap<PracticeSession, Transcriber | null>();

/**
 * The session's transcriber, made on first use from its environment (null: voice is not configured).
 * It logs errors only: a failure is said on screen, and a log line would land in the middle of it.
 */
function transcriberOf(s: PracticeSession): Transcriber | null {
  if (!transcribers.has(s))
    transcribers.set(s, createTranscriber(parseConfig(s.env), log().child({}, { level: "error" })));
  return transcribers.get(s) ?? null;
}

/** A recording heard and accepted: the text to store as the answer, and how it was spoken. */
export interface HeardAnswer {
  text: string;
  delivery: Delivery;
}

/**
 * Transcribes the recording at `path` and shows what was heard; Enter grades it, e fixes misheard words
 * in the editor first, n drops it. Null (with the reason said) when there is nothing to grade: the
 * person is asked for their answer again. The audio is read into memory only, never stored.
 */
export async function hearAnswer(s: PracticeSession, path: string): Promise<HeardAnswer | null> {
  const { screen } = s.d;
  const transcriber = transcriberOf(s);
  if (!transcriber) {
    screen.say(screen.paint("yellow", VOICE_NOT_CONFIGURED));
    return null;
  }
  let heard: Awaited<ReturnType<typeof transcribeAnswer>>;
  try {
    const audio = await readAudioFile(path);
    screen.say(screen.paint("dim", `Transcribing ${safeText(audio.filename)}…`));
    heard = await transcribeAnswer(audio, transcriber, s.content.lexicon);
  } catch (err) {
    if (err instanceof InputFileError) screen.say(screen.paint("yellow", err.message));
    else if (
      err instanceof AudioRefusedError ||
      err instanceof TranscriptionFailedError ||
      err instanceof NothingHeardError
    )
      screen.say(screen.paint("yellow", err.userMessage ?? err.message));
    else throw err;
    return null;
  }
  let text = storableAnswer(heard.transcript.text).trim();
  screen.say("");
  screen.say(screen.paint("bold", "What was heard (the audio is not kept):"));
  screen.say(safeText(text));
  for (;;) {
    const keys: Record<string, string> = { "": "grade", n: "drop" };
    if (s.terminal.interactive) keys.e = "edit";
    const key = await pickKey(
      s.d,
      s.terminal.interactive
        ? "Enter grades this transcript, e fixes it in your editor first, n drops it?"
        : "Enter grades this transcript, n drops it?",
      keys,
      s.terminal.interactive ? "Please press Enter, or type e or n." : "Please press Enter, or type n.",
    );
    if (key === "grade") return { text, delivery: heard.delivery };
    if (key !== "edit") {
      screen.say(screen.paint("dim", "Dropped: type your answer, or v for another recording."));
      return null;
    }
    s.terminal.handOver();
    let edited: Awaited<ReturnType<typeof editText>>;
    try {
      edited = await editText(s.env, text);
    } finally {
      s.terminal.takeBack();
    }
    if (!edited.ok) screen.say(screen.paint("yellow", edited.reason));
    else if (storableAnswer(edited.text).trim() !== "") {
      text = storableAnswer(edited.text).trim();
      screen.say(safeText(text));
    }
  }
}
