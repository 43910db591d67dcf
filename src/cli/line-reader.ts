import { createInterface } from "node:readline";

/** Reads lines from a stream on demand; null means the input has ended (Ctrl-D, or a closed pipe). */
export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string | null) => void> = [];
  private ended = false;

  constructor(input: NodeJS.ReadableStream) {
    const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    rl.on("line", (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    rl.on("close", () => {
      this.ended = true;
      for (const waiter of this.waiting.splice(0)) waiter(null);
    });
  }

  line(): Promise<string | null> {
    const next = this.lines.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Lines up to an empty line or the end of input; null when the input ended before any line. */
  async paragraph(): Promise<string | null> {
    const out: string[] = [];
    for (;;) {
      const line = await this.line();
      if (line === null) return out.length > 0 ? out.join("\n") : null;
      if (line.trim() === "") return out.join("\n");
      out.push(line);
    }
  }
}
