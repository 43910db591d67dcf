import type { Paint } from "../io.js";
import { wrapLine, wrapText } from "./wrap.js";

export interface ScreenOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Narrower than this, wrapping stops making sense: lines are cut at this width instead. */
const MIN_WIDTH = 20;

/**
 * Where the interview writes: every line wrapped to the terminal's width (80 when the output is not a
 * terminal), never breaking a word. Text from outside is made safe before it gets here (sanitize.ts).
 */
export class Screen {
  constructor(
    private readonly out: ScreenOutput,
    readonly paint: Paint,
  ) {}

  /** Columns: the terminal's, read each time (it may be resized), or 80 for a pipe or a file. */
  get width(): number {
    const columns = this.out.isTTY ? this.out.columns : undefined;
    return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : 80;
  }

  /** Rows: the terminal's, or a classic 24. */
  get rows(): number {
    const rows = this.out.isTTY ? this.out.rows : undefined;
    return rows && rows > 0 ? rows : 24;
  }

  /** Writes text as lines wrapped to the width; `hang` indents a long line's continuations. */
  say(text = "", hang?: number): void {
    this.out.write(`${this.lines(text, hang).join("\n")}\n`);
  }

  /** The lines `say` would write. */
  lines(text: string, hang?: number): string[] {
    return hang === undefined
      ? wrapText(text, this.width)
      : text.split("\n").flatMap((line) => wrapLine(line, this.width, hang));
  }

  /** Writes a prompt: wrapped, the cursor left after it on its last line. */
  ask(prompt: string): void {
    const lines = wrapText(prompt, this.width - 1);
    const last = lines.pop() ?? "";
    this.out.write(`${lines.map((l) => `${l}\n`).join("")}${last} `);
  }

  /** Writes as is (keys echoed as typed). */
  raw(text: string): void {
    this.out.write(text);
  }
}
