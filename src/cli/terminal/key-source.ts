import { type Key, KeyDecoder } from "./keys.js";

/** A key, or the end of the input (a closed pipe, the end of a file). */
export type Input = Key | { type: "end" };

/**
 * Keys from a stream, on demand. Keys that arrive while nobody is reading (typed ahead during grading)
 * wait in order. `close` lets go of the stream, so an open terminal keeps nothing alive.
 */
export class KeySource {
  private readonly decoder: KeyDecoder;
  private readonly queue: Input[] = [];
  private waiter: ((input: Input) => void) | null = null;
  private ended = false;
  private closed = false;
  private readonly onData = (chunk: string | Buffer) => this.push(...this.decoder.feed(chunk.toString()));
  private readonly onEnd = () => {
    this.push(...this.decoder.flush());
    this.ended = true;
    this.push({ type: "end" });
  };

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    terminal: boolean,
  ) {
    this.decoder = new KeyDecoder(terminal);
    // Multi-byte characters split across chunks are put back together before decoding.
    stream.setEncoding("utf8");
    stream.on("data", this.onData);
    stream.on("end", this.onEnd);
    stream.on("error", this.onEnd);
  }

  /** The next key; `end` (again and again) once the input has ended or the source is closed. */
  next(): Promise<Input> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended || this.closed) return Promise.resolve({ type: "end" });
    this.stream.resume();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Stops reading (while an editor has the terminal, say); `next` reads again. */
  pause(): void {
    this.stream.pause();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.removeListener("data", this.onData);
    this.stream.removeListener("end", this.onEnd);
    this.stream.removeListener("error", this.onEnd);
    this.stream.pause();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.({ type: "end" });
  }

  private push(...inputs: Input[]): void {
    for (const input of inputs) {
      const waiter = this.waiter;
      if (waiter) {
        this.waiter = null;
        waiter(input);
      } else this.queue.push(input);
    }
  }
}
