import type { LineEditor } from "./line-editor.js";
import type { Screen } from "./screen.js";

/** The screen and the keyboard of one terminal session. */
export interface Dialog {
  screen: Screen;
  editor: LineEditor;
}

/** Why a question got no answer: the input ended, Ctrl-D on an empty line, or Ctrl-C. */
export type Stop = { stop: "end" | "eof" | "interrupt" };

export const isStop = (x: unknown): x is Stop => typeof x === "object" && x !== null && "stop" in x;

/** Asks for one line; Enter keeps `fallback`. */
export async function choose(d: Dialog, prompt: string, fallback: string): Promise<string | Stop> {
  d.screen.ask(`${prompt} ${d.screen.paint("dim", `[${fallback}]`)}`);
  const got = await d.editor.readLine();
  if (got.kind !== "line") return { stop: got.kind };
  return got.text.trim() === "" ? fallback : got.text.trim();
}

/**
 * Asks until one of `keys` is typed (Enter is ""), saying which keys there are otherwise. Returns the key.
 */
export async function pickKey(
  d: Dialog,
  prompt: string,
  keys: Readonly<Record<string, string>>,
  refusal: string,
): Promise<string | Stop> {
  for (;;) {
    d.screen.ask(prompt);
    const got = await d.editor.readLine();
    if (got.kind !== "line") return { stop: got.kind };
    const key = keys[got.text.trim().toLowerCase()];
    if (key !== undefined) return key;
    d.screen.say(d.screen.paint("yellow", refusal));
  }
}
