import { ConfigError } from "../config.js";
import { ContentError } from "../core/content/errors.js";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands.js";
import { type CliIO, processIO, UsageError } from "./io.js";

function help(commands: readonly Command[]): string {
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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${help(COMMANDS)}\n`);
    return 2;
  }
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
    if (err instanceof ConfigError || err instanceof ContentError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
