import { start } from "../main.js";
import type { Command } from "./command.js";

export const startCommand: Command = {
  name: "start",
  summary: "Run STAR Coach: the Discord bot when DISCORD_TOKEN is set (what `npm start` runs)",
  usage: "star-coach start",
  run: (_args, io) => start(io),
};
