import { type ChildProcess, spawn } from "node:child_process";
import { BIN, ROOT } from "./run-cli.js";

/** One line of the JSON log the manager and its shard processes write to the same standard output. */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface ShardsProcess {
  readonly child: ChildProcess;
  readonly logs: readonly LogLine[];
  /** Lines that were not JSON (a crash's stack trace, say): shown when a wait fails. */
  readonly otherOutput: string;
  /** Resolves with the first log line that matches, once there is one. */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Every shard process pid the manager reported starting. */
  shardPids(): number[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** For clean-up after a failure: SIGKILL to the manager and to every shard process it started. */
  killAll(): void;
}

/** Runs `star-coach shards` as a real child process, as an operator does, with JSON logs at info. */
export function startShardsProcess(env: Record<string, string>): ShardsProcess {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(DISCORD_|OPENAI_|DATABASE_URL|DATA_DIR|LOG_|VITEST|SHARD)/.test(k))
      base[k] = v;
  }
  const child = spawn(process.execPath, [BIN, "shards"], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: "1", LOG_LEVEL: "info", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  let otherOutput = "";
  const waiters = new Set<() => void>();
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        otherOutput += `${line}\n`;
      }
    }
    for (const wake of [...waiters]) wake();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    otherOutput += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const shardPids = () =>
    logs
      .filter((l) => l.msg === "shard process started" && typeof l.pid === "number")
      .map((l) => l.pid as number);

  return {
    child,
    logs,
    get otherOutput() {
      return otherOutput;
    },
    exited,
    shardPids,
    waitForLog(match, what, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const tail = logs.slice(-15).map((l) => JSON.stringify(l));
          reject(
            new Error(`timed out waiting for ${what}; last log lines:\n${tail.join("\n")}\n${otherOutput}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    killAll() {
      for (const pid of [child.pid, ...shardPids()]) {
        if (pid !== undefined && isRunning(pid)) process.kill(pid, "SIGKILL");
      }
    },
  };
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
