import { segment } from "../../core/evidence/sentences.js";
import { count } from "../../core/text/plural.js";
import type { KeySource } from "./key-source.js";
import { safeText } from "./sanitize.js";
import { displayWidth } from "./wrap.js";

/** One line for a menu or a yes/no question. */
export type LineResult =
  | { kind: "line"; text: string }
  /** Ctrl-D on an empty line. */
  | { kind: "eof" }
  /** The input has ended (a pipe or a file). */
  | { kind: "end" }
  | { kind: "interrupt" };

/** An answer, or one of the prompt's commands typed alone on its first line. */
export type AnswerResult =
  /** The text as written, trailing blank space removed; empty when only whitespace was given. */
  | { kind: "answer"; text: string }
  | { kind: "command"; command: string }
  | { kind: "eof" }
  | { kind: "end" }
  | { kind: "interrupt" };

/** A paste longer than this, or of more than one line, is shown as a summary, not echoed. */
const ECHO_PASTE_CHARS = 200;

export interface EditorOutput {
  /** Writes keys as typed (raw mode has no echo of its own); null when the input is not a terminal. */
  echo: ((text: string) => void) | null;
  /** Writes a whole line of our own, wrapped. */
  say: (text: string) => void;
}

const normaliseLines = (text: string) => text.replace(/\r\n?/g, "\n");
const lastChar = (text: string) => [...text].at(-1) ?? "";

function pasteSummary(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== "").length;
  // Counted as the grade counts them (headings such as "Situation:" are not words of the answer).
  const words = segment(text).reduce((n, sentence) => n + sentence.wordCount, 0);
  return `[pasted ${count(paragraphs, "paragraph")}, ${count(words, "word")}; Enter ends your answer, or keep typing]`;
}

/**
 * Line editing over raw keys: what a terminal's canonical mode did (echo, Backspace, Ctrl-U), without
 * its 4,095-character line limit, and with a paste kept whole.
 */
export class LineEditor {
  constructor(
    private readonly keys: KeySource,
    private readonly out: EditorOutput,
  ) {}

  private echo(text: string): void {
    this.out.echo?.(text);
  }

  /** Ends the prompt's line: the echoed Enter in a terminal; from a pipe, a line break of our own. */
  private endLine(): void {
    if (this.out.echo) this.out.echo("\n");
    else this.out.say("");
  }

  private erase(typed: string): void {
    const w = displayWidth(typed);
    if (w > 0) this.echo(`${"\b".repeat(w)}${" ".repeat(w)}${"\b".repeat(w)}`);
  }

  /** One line, for a menu: Enter ends it; a paste counts as typed text on the line. */
  async readLine(): Promise<LineResult> {
    let line = "";
    for (;;) {
      const key = await this.keys.next();
      switch (key.type) {
        case "text":
          line += key.text;
          this.echo(key.text);
          break;
        case "paste": {
          const text = safeText(key.text).replace(/\n/g, " ");
          line += text;
          this.echo(text);
          break;
        }
        case "backspace": {
          const ch = lastChar(line);
          line = line.slice(0, line.length - ch.length);
          this.erase(ch);
          break;
        }
        case "clear-line":
          this.erase(line);
          line = "";
          break;
        case "enter":
          this.endLine();
          return { kind: "line", text: line };
        case "eof":
          this.endLine();
          return line === "" ? { kind: "eof" } : { kind: "line", text: line };
        case "interrupt":
          this.echo("^C\n");
          return { kind: "interrupt" };
        case "end":
          if (line === "") return { kind: "end" };
          this.endLine();
          return { kind: "line", text: line };
      }
    }
  }

  /**
   * An answer of any length. Typed lines go on until an empty line; a paste is kept whole, blank lines
   * included, and ends its line, so one Enter after it finishes the answer. Ctrl-D finishes it too.
   * A command (`s`, `e`…) typed alone as the first line is returned as soon as Enter is pressed.
   */
  async readAnswer(commands: readonly string[]): Promise<AnswerResult> {
    let text = "";
    /** What was typed on the current line since the last line break or paste: what Backspace may erase. */
    let typed = "";
    const finish = (): AnswerResult => {
      const command = text.includes("\n") ? null : text.trim().toLowerCase();
      if (command && commands.includes(command)) return { kind: "command", command };
      return { kind: "answer", text: text.trimEnd() };
    };
    for (;;) {
      const key = await this.keys.next();
      switch (key.type) {
        case "text":
          text += key.text;
          typed += key.text;
          this.echo(key.text);
          break;
        case "paste": {
          const pasted = normaliseLines(key.text);
          if (!pasted.includes("\n") && pasted.length <= ECHO_PASTE_CHARS) {
            text += pasted;
            typed += pasted;
            this.echo(safeText(pasted));
            break;
          }
          text += pasted.endsWith("\n") ? pasted : `${pasted}\n`;
          if (typed !== "") this.echo("\n");
          typed = "";
          this.out.say(pasteSummary(pasted));
          break;
        }
        case "backspace": {
          const ch = lastChar(typed);
          typed = typed.slice(0, typed.length - ch.length);
          text = text.slice(0, text.length - ch.length);
          this.erase(ch);
          break;
        }
        case "clear-line":
          text = text.slice(0, text.length - typed.length);
          this.erase(typed);
          typed = "";
          break;
        case "enter": {
          this.echo("\n");
          const line = text.slice(text.lastIndexOf("\n") + 1);
          if (line.trim() === "") return finish();
          const command = text.includes("\n") ? null : line.trim().toLowerCase();
          if (command && commands.includes(command)) return { kind: "command", command };
          text += "\n";
          typed = "";
          break;
        }
        case "eof":
          this.echo("\n");
          return text.trim() === "" ? { kind: "eof" } : finish();
        case "interrupt":
          this.echo("^C\n");
          return { kind: "interrupt" };
        case "end":
          return text.trim() === "" ? { kind: "end" } : finish();
      }
    }
  }
}
