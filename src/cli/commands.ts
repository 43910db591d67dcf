import { calibrateCommand } from "./calibrate-command.js";
import type { Command } from "./command.js";
import { evalCommand } from "./eval-command.js";
import { gradeCommand } from "./grade-command.js";
import { historyCommand } from "./history-command.js";
import { mydataCommand } from "./mydata-command.js";
import { practiceCommand } from "./practice-command.js";
import { questionsCommand } from "./questions-command.js";
import { registerCommand } from "./register-command.js";
import { shardsCommand } from "./shards-command.js";
import { startCommand } from "./start-command.js";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  startCommand,
  shardsCommand,
  practiceCommand,
  historyCommand,
  questionsCommand,
  gradeCommand,
  evalCommand,
  calibrateCommand,
  mydataCommand,
  registerCommand,
];
