import type { SlashCommand } from "./command.js";
import { gradeCommand } from "./grade.js";
import { rubricCommand, starCommand } from "./guide.js";
import { interviewCommand } from "./interview.js";
import { mydataCommand } from "./mydata.js";
import { practiceCommand } from "./practice.js";
import { progressCommand } from "./progress.js";
import { settingsCommand } from "./settings.js";

/** Every slash command: the registration script and the router both read this list. */
export const COMMANDS: readonly SlashCommand[] = [
  interviewCommand,
  practiceCommand,
  gradeCommand,
  progressCommand,
  starCommand,
  rubricCommand,
  mydataCommand,
  settingsCommand,
];
