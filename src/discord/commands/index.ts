import type { SlashCommand } from "./command.js";
import { dailyCommand } from "./daily.js";
import { gradeCommand } from "./grade.js";
import { groupCommand } from "./group.js";
import { rubricCommand, starCommand } from "./guide.js";
import { interviewCommand } from "./interview.js";
import { leaderboardCommand } from "./leaderboard.js";
import { mydataCommand } from "./mydata.js";
import { practiceCommand } from "./practice.js";
import { progressCommand } from "./progress.js";
import { settingsCommand } from "./settings.js";
import { storyCommand } from "./story.js";

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
  groupCommand,
  dailyCommand,
  leaderboardCommand,
  storyCommand,
];
