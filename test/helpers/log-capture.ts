import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log.js";

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface LogCapture {
  /** A JSON logger whose lines land in `lines`. */
  log: Logger;
  /** Where `log` writes: give it to configureLogger to capture the process-wide logger's lines too. */
  destination: Writable;
  readonly lines: readonly LogLine[];
  /** Lines with this message. */
  with(msg: string): LogLine[];
  /** Resolves once `count` lines (default 1) match, with the last of them; rejects after `timeoutMs`. */
  waitFor(
    match: string | ((line: LogLine) => boolean),
    what?: string,
    count?: number,
    timeoutMs?: number,
  ): Promise<LogLine>;
}

/** A logger for a bot under test, and a way to wait for what it logs (an event, not a sleep). */
export function captureLog(level = "debug"): LogCapture {
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let partial = "";
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const parts = (partial + chunk.toString()).split("\n");
      partial = parts.pop() ?? "";
      for (const part of parts) {
        if (part.trim() === "") continue;
        try {
          lines.push(JSON.parse(part) as LogLine);
        } catch {
          lines.push({ msg: part });
        }
      }
      for (const check of [...waiters]) check();
      done();
    },
  });
  const log = createLogger({ level, format: "json", destination });
  const matcher = (match: string | ((line: LogLine) => boolean)) =>
    typeof match === "string" ? (line: LogLine) => line.msg === match : match;
  return {
    log,
    destination,
    lines,
    with: (msg) => lines.filter((l) => l.msg === msg),
    waitFor(match, what = String(match), count = 1, timeoutMs = 10_000) {
      const test = matcher(match);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.filter(test);
          if (found.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found[count - 1] as LogLine);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const tail = lines.slice(-15).map((l) => JSON.stringify(l));
          reject(
            new Error(`timed out waiting for ${count} log line(s): ${what}\nlast lines:\n${tail.join("\n")}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
