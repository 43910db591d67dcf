import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { dropSchemaLater } from "./postgres-schemas.js";
import { BIN, ROOT } from "./run-cli.js";

/** A fresh PostgreSQL schema, and a DATABASE_URL whose connections use it. */
export async function tempSchema(
  url: string,
): Promise<{ schema: string; databaseUrl: string; drop(): Promise<void> }> {
  const schema = `star_e2e_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA "${schema}"`);
  const sep = url.includes("?") ? "&" : "?";
  return {
    schema,
    databaseUrl: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => dropSchemaLater(url, schema),
  };
}

export interface BotProcess {
  child: ChildProcess;
  /** JSON log lines the process has written so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line that matches, once there is one; rejects after `timeoutMs`. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** The real bot (`star-coach start`) as its own process, with JSON logs on stdout. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(DISCORD_|OPENAI_|DATABASE_URL|DATA_DIR|LOG_|VITEST|SHARD)/.test(k))
      base[k] = v;
  }
  const child = spawn(process.execPath, [BIN, "start"], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: "1", LOG_LEVEL: "info", LOG_FORMAT: "json", ...env },
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let partial = "";
  child.stdout?.on("data", (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ msg: line });
      }
    }
    for (const check of [...waiters]) check();
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    logs: () => (stderr ? [...lines, { msg: `stderr: ${stderr}` }] : lines),
    waitForLog(match, what, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const tail = lines.slice(-10).map((l) => JSON.stringify(l));
          reject(
            new Error(
              `timed out waiting for ${what}\n${tail.join("\n")}${stderr ? `\nstderr: ${stderr}` : ""}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
