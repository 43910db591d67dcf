import type { CliIO } from "./io.js";

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * A subcommand as the registry knows it: what `star-coach --help` lists, and how to load it. Its module,
 * and every library that module imports (discord.js, openai, pg, better-sqlite3, resvg, pino), is
 * loaded only when the command runs, so `--help` and a quick command start at once.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}
