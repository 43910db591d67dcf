import { homedir } from "node:os";
import { count } from "../../core/text/plural.js";
import { pickKey } from "./dialog.js";
import { editText } from "./editor.js";
import { storableAnswer } from "./sanitize.js";
import type { PracticeSession } from "./session.js";

/** What the person did at an answer prompt. */
export type AnswerAction =
  /** An answer to grade, as it will be stored (control bytes removed). */
  | { act: "submit"; text: string }
  | { act: "skip" }
  | { act: "more" }
  /** Show a strong answer (the model answer and the person's own, restructured). */
  | { act: "model" }
  /** End the interview now and show the report. */
  | { act: "end" }
  /** Answer with a recording: the path to the audio file the person gave. */
  | { act: "voice"; path: string }
  /** Stop for now: the interview stays saved (the input ended, or they chose to pause). */
  | { act: "pause" }
  | { act: "interrupt" };

export type AnswerCommand = "skip" | "edit" | "more" | "model" | "voice";

/**
 * A path as a terminal pastes a dropped file: quoted ('…' or "…") or with backslash-escaped spaces, and
 * ~ for the home folder.
 */
export function typedPath(text: string, home = homedir()): string {
  let path = text.trim();
  const quoted = /^(['"])(.*)\1$/.exec(path);
  if (quoted) path = quoted[2] ?? "";
  else path = path.replace(/\\(.)/g, "$1");
  if (path === "~" || path.startsWith("~/")) path = home + path.slice(1);
  return path;
}

/** Asks for the path to a recording; null when the person goes back (an empty line, Ctrl-D). */
async function askAudioPath(s: PracticeSession): Promise<AnswerAction | null> {
  const { screen, editor } = s.d;
  screen.ask(
    `Path to your recording (ogg/opus, m4a, mp3, wav or webm; up to 25 MB) ${screen.paint("dim", "[Enter goes back]")}`,
  );
  const got = await editor.readLine();
  if (got.kind === "end") return { act: "pause" };
  if (got.kind === "interrupt") return { act: "interrupt" };
  if (got.kind === "eof") return null;
  const path = typedPath(got.text);
  return path === "" ? null : { act: "voice", path };
}

/** Ctrl-D at an empty prompt: end, pause, or carry on. */
export async function confirmEnd(s: PracticeSession): Promise<"end" | "pause" | "back" | "interrupt"> {
  const { screen } = s.d;
  const key = await pickKey(
    s.d,
    `End the interview now? y shows your report, p pauses it to resume later, n carries on. ${screen.paint("dim", "[n]")}`,
    { "": "back", n: "back", y: "end", p: "pause" },
    "Please type y, p or n.",
  );
  if (typeof key !== "string") return key.stop === "interrupt" ? "interrupt" : "pause";
  return key as "end" | "pause" | "back";
}

/** Hands the terminal to the person's editor and returns what they wrote, or null (with the reason said). */
async function fromEditor(s: PracticeSession): Promise<string | null> {
  const { screen } = s.d;
  if (!s.terminal.interactive) {
    screen.say(screen.paint("yellow", "The editor needs a terminal; type or paste your answer instead."));
    return null;
  }
  s.terminal.handOver();
  let result: Awaited<ReturnType<typeof editText>>;
  try {
    result = await editText(s.env);
  } finally {
    s.terminal.takeBack();
  }
  if (!result.ok) {
    screen.say(screen.paint("yellow", result.reason));
    return null;
  }
  const text = storableAnswer(result.text).trim();
  if (text === "") {
    screen.say(
      screen.paint("yellow", "The editor gave back no text; type or paste your answer, or try e again."),
    );
    return null;
  }
  screen.say(screen.paint("dim", `[from your editor: ${count(text.split(/\s+/).length, "word")}]`));
  return text;
}

/**
 * Reads an answer: typed (ended by an empty line or Ctrl-D), pasted (kept whole), written in an editor
 * (`e`), or recorded (`v` asks for the audio file's path; the caller transcribes it). Only whitespace asks again; Ctrl-D at an empty prompt asks whether to end the interview.
 */
export async function askAnswer(
  s: PracticeSession,
  hint: string,
  commands: Readonly<Record<string, AnswerCommand>>,
  empty: string,
): Promise<AnswerAction> {
  const { screen, editor } = s.d;
  for (;;) {
    screen.say(screen.paint("dim", hint));
    const got = await editor.readAnswer(Object.keys(commands));
    switch (got.kind) {
      case "command": {
        const command = commands[got.command];
        if (command === "skip") return { act: "skip" };
        if (command === "more") return { act: "more" };
        if (command === "model") return { act: "model" };
        if (command === "voice") {
          const voice = await askAudioPath(s);
          if (voice) return voice;
          break;
        }
        const text = await fromEditor(s);
        if (text !== null) return { act: "submit", text };
        break;
      }
      case "answer": {
        // Blank lines before the first words are not part of the answer.
        const text = storableAnswer(got.text).replace(/^(?:[ \t]*\n)+/, "");
        if (text.trim() !== "") return { act: "submit", text };
        screen.say(screen.paint("yellow", empty));
        break;
      }
      case "eof": {
        const choice = await confirmEnd(s);
        if (choice !== "back") return { act: choice };
        break;
      }
      case "end":
        return { act: "pause" };
      case "interrupt":
        return { act: "interrupt" };
    }
  }
}
