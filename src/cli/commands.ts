import type { Command } from "./command.js";
import { questionsCommand } from "./questions-command.js";
import { startCommand } from "./start-command.js";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [startCommand, questionsCommand];
