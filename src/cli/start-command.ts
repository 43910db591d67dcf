import { start } from "../main.js";
import type { Command } from "./command.js";

export const startCommand: Command = {
  name: "start",
  summary:
    "Run STAR Coach (what `npm start` runs): the Discord bot with DISCORD_TOKEN, else the terminal interview",
  usage:
    "star-coach start [practice's flags: --level, --focus, --questions, --no-follow-ups, --user]\n  In the terminal the flags preset the interview (npm start -- --level mid); the bot takes none.",
  run: (args, io) => start(io, args),
};
