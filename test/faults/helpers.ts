import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import type { APIMessage } from "discord.js";
import pg from "pg";
import { expect, inject } from "vitest";
import { registerCommands } from "../../src/discord/register.js";
import type { FakeDiscord, FakeUser, InteractionHandle } from "../fake-discord/index.js";
import { findButton } from "../fake-discord/index.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { BIN, type CliRun, ROOT } from "../helpers/run-cli.js";

/** One row of the summary table printed at the end of the suite (see global-setup.ts). */
export interface FaultResult {
  /** Sort key: the scenario's number in the list, then its sub-case. */
  order: number;
  scenario: string;
  /** From the fault to the user's answer (or the process's recovery); null where it does not apply. */
  recoverMs: number | null;
  answersLost: number;
  note: string;
}

export function recordResult(result: FaultResult): void {
  appendFileSync(inject("faultsResults"), `${JSON.stringify(result)}\n`);
}

/** PostgreSQL for the scenarios that need it (CI always sets it). */
export const PG_URL = process.env.TEST_DATABASE_URL;

/** A line of a JavaScript stack trace, as Node prints one ("    at fn (file.js:1:2)"). */
export const STACK_LINE = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\).*\d+:\d+\)?$/m;

/** Long enough waits for a process start (node, migrations, login) on a loaded machine. */
export const START_TIMEOUT_MS = 90_000;

/** A unique name: PostgreSQL application names, users, markers in answers. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

/**
 * The real bot as its own process (`star-coach start`), once it logs that it is running and has
 * identified to the fake Discord. Commands are registered first (as `star-coach register` would).
 */
export async function launchBot(
  discord: FakeDiscord,
  env: Record<string, string>,
): Promise<{ bot: BotProcess; readyMs: number }> {
  if (discord.registeredCommands().length === 0)
    await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      apiBase: discord.apiBase,
    });
  const identified = discord.identifies.length;
  const started = Date.now();
  const bot = startBotProcess(env);
  await bot.waitForLog((l) => l.msg === "STAR Coach is running", "the bot to be running", START_TIMEOUT_MS);
  await discord.waitFor(
    () => (discord.identifies.length > identified ? true : undefined),
    "the bot's IDENTIFY",
    START_TIMEOUT_MS,
  );
  return { bot, readyMs: Date.now() - started };
}

/**
 * `promise`, unless the bot process exits first: then a failure at once, with its last log lines,
 * instead of a wait that runs out long after the process died.
 */
export function whileAlive<T>(bot: BotProcess, promise: Promise<T>, what: string): Promise<T> {
  let onExit: (() => void) | undefined;
  const died = new Promise<never>((_, reject) => {
    onExit = () => {
      const tail = bot
        .logs()
        .slice(-8)
        .map((l) => JSON.stringify(l).slice(0, 600));
      reject(
        new Error(
          `the bot process exited (code ${bot.child.exitCode}, signal ${bot.child.signalCode}) while waiting for ${what}\n${tail.join("\n")}`,
        ),
      );
    };
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) onExit();
    else bot.child.once("exit", onExit);
  });
  return Promise.race([promise, died]).finally(() => {
    if (onExit) bot.child.off("exit", onExit);
  });
}

/** SIGTERM and the exit code; SIGKILL when it has not exited after `graceMs` (a test that failed midway). */
export async function stopOrKill(bot: BotProcess | undefined, graceMs = 20_000): Promise<void> {
  if (!bot) return;
  const timer = setTimeout(() => bot.child.kill("SIGKILL"), graceMs);
  try {
    await bot.stop();
  } finally {
    clearTimeout(timer);
  }
}

const FATAL = new Set([
  "uncaught exception; the process stops",
  "unhandled promise rejection; the bot keeps running",
]);

/** The process is still running, and logged no uncaught exception and no unhandled rejection. */
export function expectAlive(bot: BotProcess): void {
  expect(bot.child.exitCode, "the bot process exited").toBeNull();
  expect(bot.child.signalCode, "the bot process was killed").toBeNull();
  expect(bot.logs().filter((l) => FATAL.has(String(l.msg)))).toEqual([]);
}

/** /practice, Answer, the answer typed in the form: the feedback the user sees, and how long it took. */
export async function practise(
  discord: FakeDiscord,
  user: FakeUser,
  answer: string,
  guildId?: string,
): Promise<{ submit: InteractionHandle; feedback: APIMessage; ms: number }> {
  const question = await discord
    .slashCommand({ user, name: "practice", ...(guildId ? { guildId } : {}) })
    .reply();
  const click = discord.clickButton({ user, message: question, label: "Answer" });
  await click.modal();
  const started = Date.now();
  const submit = discord.submitModal({ user, from: click, fields: { answer } });
  const feedback = await submit.reply();
  return { submit, feedback, ms: Date.now() - started };
}

export function customIdOf(message: APIMessage, label: string): string {
  const button = findButton(message, { label });
  if (!("custom_id" in button)) throw new Error(`no custom id on ${label}`);
  return button.custom_id;
}

/**
 * Ends every PostgreSQL connection with this application name, as a server restart or a failover does
 * (the bot gets its own name through DATABASE_URL, so nothing else on the server is touched).
 */
export async function terminateBackends(url: string, applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url, application_name: "star_faults_admin" });
  await admin.connect();
  try {
    const ended = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
      [applicationName],
    );
    return ended.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** `url` with its connections named `applicationName` (the connection string wins over pg's defaults). */
export function withApplicationName(url: string, applicationName: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}application_name=${encodeURIComponent(applicationName)}`;
}

export interface LimitedRun extends CliRun {
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * Runs the real `star-coach` bin as a user would, with the size of any file it writes limited to
 * `fileSizeKb` KiB (`ulimit -f`): a write past the limit fails with EFBIG, as on a full disk. Node ignores
 * SIGXFSZ, so the process sees the error rather than being killed by the signal.
 */
export function runLimitedCli(
  args: string[],
  options: {
    env: Record<string, string>;
    input: string;
    fileSizeKb: number;
    /** Standard output to this file (`> FILE`), under the same limit, instead of a pipe. */
    stdoutFile?: string;
  },
): Promise<LimitedRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(DISCORD_|OPENAI_|DATABASE_URL|DATA_DIR|LOG_|VITEST)/.test(k)) env[k] = v;
    }
    const started = Date.now();
    const child = spawn(
      "bash",
      [
        "-c",
        options.stdoutFile
          ? 'ulimit -f "$1" || exit 97; shift; exec "$@" >"$STAR_FAULTS_STDOUT"'
          : 'ulimit -f "$1" || exit 97; shift; exec "$@"',
        "bash",
        String(options.fileSizeKb),
        process.execPath,
        BIN,
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          ...env,
          NO_COLOR: "1",
          ...(options.stdoutFile ? { STAR_FAULTS_STDOUT: options.stdoutFile } : {}),
          ...options.env,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(options.input);
  });
}

/**
 * Lets the bot send messages in a channel again after `FakeDiscord.denyBot` (which has no undo): puts
 * back the channel's permission overwrites as they were.
 */
export function denyBotUntilRestored(
  discord: FakeDiscord,
  channelId: string,
  permissions: bigint,
): () => void {
  type Overwrites = { permission_overwrites?: unknown[] | undefined };
  const channel = discord.channel(channelId) as Overwrites | undefined;
  if (!channel) throw new Error(`no channel ${channelId}`);
  const before = channel.permission_overwrites;
  discord.denyBot(channelId, permissions);
  return () => {
    (discord.channel(channelId) as Overwrites).permission_overwrites = before;
  };
}
