import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/main.js";

/** Standard input as a terminal gives it: `isTTY`, and raw mode that records how it was set. */
export class FakeTtyIn extends PassThrough {
  readonly isTTY: boolean;
  isRaw = false;
  readonly rawModes: boolean[] = [];
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.rawModes.push(mode);
    return this;
  }
}

/** Standard output as a terminal of a given size (or a pipe, with `tty: false`). */
export class FakeTtyOut extends PassThrough {
  readonly isTTY: boolean;
  constructor(
    tty: boolean,
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
    this.isTTY = tty;
  }
}

export interface DriveOptions {
  tty?: boolean;
  columns?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  /** How long `waitFor` waits before failing with the output so far. */
  timeoutMs?: number;
}

/**
 * Runs `star-coach` in this process against a fake terminal and lets a test answer its prompts one at a
 * time, as a person would: wait for a prompt, then type. Every wait is on output, never on a timer.
 */
export class TerminalDriver {
  readonly stdin: FakeTtyIn;
  readonly stdout: FakeTtyOut;
  readonly done: Promise<number>;
  private text = "";
  private errText = "";
  private cursor = 0;
  private readonly listeners = new Set<() => void>();
  private readonly timeoutMs: number;

  constructor(argv: string[], options: DriveOptions = {}) {
    const tty = options.tty ?? true;
    this.stdin = new FakeTtyIn(tty);
    this.stdin.setEncoding("utf8");
    this.stdout = new FakeTtyOut(tty, options.columns ?? 80, options.rows ?? 24);
    const stderr = new PassThrough();
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.stdout.on("data", (d: Buffer) => {
      this.text += d.toString();
      for (const l of [...this.listeners]) l();
    });
    stderr.on("data", (d: Buffer) => {
      this.errText += d.toString();
    });
    this.done = runCli(argv, {
      stdout: this.stdout,
      stderr,
      stdin: this.stdin,
      env: { NO_COLOR: "1", ...options.env },
    });
    this.done.finally(() => {
      for (const l of [...this.listeners]) l();
    });
  }

  /** Everything written to standard output so far. */
  get output(): string {
    return this.text;
  }

  get errors(): string {
    return this.errText;
  }

  /** Output written since the last `waitFor` matched. */
  get recent(): string {
    return this.text.slice(this.cursor);
  }

  /** Waits until `pattern` appears after the previous match; fails with the output after a timeout. */
  waitFor(pattern: string | RegExp): Promise<string> {
    return new Promise((resolve, reject) => {
      let finished = false;
      const check = () => {
        const rest = this.text.slice(this.cursor);
        const m = typeof pattern === "string" ? rest.indexOf(pattern) : rest.search(pattern);
        if (m >= 0) {
          const matched = typeof pattern === "string" ? pattern : (rest.slice(m).match(pattern)?.[0] ?? "");
          const seen = rest.slice(0, m + matched.length);
          this.cursor += m + matched.length;
          stop();
          resolve(seen);
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `timed out waiting for ${String(pattern)}; output since the last match:\n${this.recent}\nstderr:\n${this.errText}`,
          ),
        );
      }, this.timeoutMs);
      const stop = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends keys: text as typed (`\r` is Enter in a terminal), or control bytes. */
  send(keys: string): void {
    this.stdin.write(keys);
  }

  /** Types a line and presses Enter. */
  line(text = ""): void {
    this.send(`${text}${this.stdin.isTTY ? "\r" : "\n"}`);
  }

  /** Pastes text the way a terminal with bracketed paste does: newlines as CR, between the markers. */
  paste(text: string): void {
    this.send(`\x1b[200~${text.replace(/\n/g, "\r")}\x1b[201~`);
  }
}

export const ENTER = "\r";
export const CTRL_D = "\x04";
export const CTRL_C = "\x03";
