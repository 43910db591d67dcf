/** Bracketed paste: the terminal marks a paste with ESC [200~ … ESC [201~ instead of typing it. */
const PASTE_ON = "\x1b[?2004h";
const PASTE_OFF = "\x1b[?2004l";

export interface TtyIn {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface TtyOut {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * The terminal as the interview reads it: raw mode (keys as they are pressed, no 4,095-character line
 * limit, Ctrl-C and Ctrl-D as keys) and bracketed paste. `restore` puts the terminal back as it was, and
 * runs by itself if the process exits, crashes or is told to stop first.
 */
export class TtyMode {
  private on = false;
  private readonly hooked: Array<[string, (...args: unknown[]) => void]> = [];

  constructor(
    private readonly input: TtyIn,
    private readonly output: TtyOut,
    /** The real process, to restore the terminal on exit and on signals; omitted in tests. */
    private readonly proc?: NodeJS.Process,
  ) {}

  /** Whether this is a terminal the interview can take over (input and output both a terminal). */
  get available(): boolean {
    return Boolean(this.input.isTTY && this.output.isTTY && typeof this.input.setRawMode === "function");
  }

  enter(): void {
    if (this.on || !this.available) return;
    this.input.setRawMode?.(true);
    this.output.write(PASTE_ON);
    this.on = true;
    this.hook();
  }

  restore(): void {
    if (!this.on) return;
    this.on = false;
    this.output.write(PASTE_OFF);
    this.input.setRawMode?.(false);
    this.unhook();
  }

  private hook(): void {
    const proc = this.proc;
    if (!proc || this.hooked.length > 0) return;
    const onExit = () => this.restore();
    this.hooked.push(["exit", onExit]);
    proc.on("exit", onExit);
    for (const signal of ["SIGTERM", "SIGHUP"] as const) {
      const onSignal = () => {
        this.restore();
        // Then what the signal would have done: end the process.
        proc.kill(proc.pid, signal);
      };
      this.hooked.push([signal, onSignal]);
      proc.once(signal, onSignal);
    }
  }

  private unhook(): void {
    for (const [event, fn] of this.hooked.splice(0)) this.proc?.removeListener(event, fn);
  }
}
