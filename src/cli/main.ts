// Only light modules here: `star-coach --help` loads this file and commands.ts, and a command's own
// module (with discord.js, openai, pg, better-sqlite3, resvg, pino…) only when that command runs. The
// error classes below come from modules that import no library (test/cli/startup.test.ts checks it).
import { ConfigError } from "../config-error.js";
import { ContentError } from "../core/content/errors.js";
import { exitOnUnhandled, onUnhandledRejection } from "../process-errors.js";
import { StoreOpenError } from "../store/open-error.js";
import type { CommandEntry } from "./command.js";
import { COMMANDS } from "./commands.js";
import { type CliIO, processIO, UsageError } from "./io.js";
import { InputFileError } from "./read-input.js";

function help(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "STAR Coach: behavioral interview practice for Operations Management roles.",
    "",
    "Usage: star-coach <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "star-coach <command> --help shows a command's options.",
  ].join("\n");
}

/** Runs one CLI invocation and returns its exit code; errors become messages, never stack traces. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${help(COMMANDS)}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${help(COMMANDS)}\n`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.stderr.write(`${err.message}\n\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`${configMessage(err)}\n`);
      return 2;
    }
    if (err instanceof ContentError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    // Set-up mistakes (DATA_DIR, the database file, PostgreSQL, an input file): what is wrong and what
    // to do, in one line; the cause's stack only with LOG_LEVEL=debug.
    if (err instanceof StoreOpenError || err instanceof InputFileError) {
      io.stderr.write(`star-coach ${name}: ${err.message}${debugStack(err.cause ?? err, io.env)}\n`);
      return 1;
    }
    throw err;
  }
}

/** One bad variable is one line; several are listed one per line under a heading. */
function configMessage(err: ConfigError): string {
  const [only, ...more] = err.problems;
  return only !== undefined && more.length === 0
    ? `Configuration is invalid: ${only} (set in the environment or in .env)`
    : err.message;
}

function debugStack(err: unknown, env: Record<string, string | undefined>): string {
  const verbose = env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace";
  return verbose && err instanceof Error && err.stack ? `\n${err.stack}` : "";
}

/**
 * The `star-coach` process (bin/star-coach.js): runs one command. Nothing ends it with a stack trace: a
 * promise rejection that nothing handled, anywhere, is a clear message on standard error and exit code
 * 1, and so is an unexpected error from the command. `start` running the bot replaces the rejection
 * policy with the bot's: log, count and go on (src/main.ts).
 */
export async function main(
  argv: string[],
  io: CliIO = processIO(),
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<number> {
  onUnhandledRejection(exitOnUnhandled(io.stderr, io.env, exit));
  try {
    return await runCli(argv, io);
  } catch (err) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    io.stderr.write(`star-coach ${argv[0] ?? ""}: failed: ${what}${debugStack(err, io.env)}\n`);
    // As Node would have for the uncaught error: whatever the command left open (a pool, a client)
    // must not keep a failed process alive.
    exit(1);
    return 1;
  }
}
