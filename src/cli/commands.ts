import type { CommandEntry } from "./command.js";

/**
 * Every subcommand, in the order `--help` lists them. Each is imported only when it runs (see
 * CommandEntry); test/cli/startup.test.ts checks that each entry's name and summary are its module's.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "start",
    summary:
      "Run STAR Coach (what `npm start` runs): the Discord bot with DISCORD_TOKEN, else the terminal interview",
    load: async () => (await import("./start-command.js")).startCommand,
  },
  {
    name: "shards",
    summary:
      "Run the Discord bot as several shard processes (discord.js ShardingManager) on shared PostgreSQL",
    load: async () => (await import("./shards-command.js")).shardsCommand,
  },
  {
    name: "practice",
    summary: "A mock interview in the terminal: questions, feedback, follow-ups and a report",
    load: async () => (await import("./practice-command.js")).practiceCommand,
  },
  {
    name: "history",
    summary: "Your progress: per-criterion trend, competencies covered, next focus",
    load: async () => (await import("./history-command.js")).historyCommand,
  },
  {
    name: "questions",
    summary: "List questions from the bank, by level and competency",
    load: async () => (await import("./questions-command.js")).questionsCommand,
  },
  {
    name: "grade",
    summary: "Grade an answer (file or stdin) against a question; --jsonl grades a batch",
    load: async () => (await import("./grade-command.js")).gradeCommand,
  },
  {
    name: "posting",
    summary: "Read a job posting (file or stdin): its level, the competencies it stresses, how to practise",
    load: async () => (await import("./posting-command.js")).postingCommand,
  },
  {
    name: "stories",
    summary: "Your STAR story bank: add, list, show, edit and delete stories; coverage, matching, practice",
    load: async () => (await import("./stories-command.js")).storiesCommand,
  },
  {
    name: "eval",
    summary: "Measure the grader against hand-labelled answers (agreement, kappa, F1, Spearman)",
    load: async () => (await import("./eval-command.js")).evalCommand,
  },
  {
    name: "calibrate",
    summary: "Fit the offline grader's calibrated models on labelled answers (rubrics/calibration.json)",
    load: async () => (await import("./calibrate-command.js")).calibrateCommand,
  },
  {
    name: "content",
    summary: "Check the content (questions, rubric, lexicon, feedback, prompts): a summary, or every problem",
    load: async () => (await import("./content-command.js")).contentCommand,
  },
  {
    name: "mydata",
    summary: "Export (JSON) or delete everything stored about you",
    load: async () => (await import("./mydata-command.js")).mydataCommand,
  },
  {
    name: "register",
    summary: "Register the slash commands with Discord and print the invite URL",
    load: async () => (await import("./register-command.js")).registerCommand,
  },
];
