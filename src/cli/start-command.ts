import { start } from "../main.js";
import type { Command } from "./command.js";

export const startCommand: Command = {
  name: "start",
  summary:
    "Run STAR Coach (what `npm start` runs): the Discord bot with DISCORD_TOKEN, else the terminal interview",
  usage: "star-coach start",
  run: (_args, io) => start(io),
};
