import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { inviteUrl } from "../discord/permissions.js";
import { registerCommands } from "../discord/register.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";

export const registerCommand: Command = {
  name: "register",
  summary: "Register the slash commands with Discord and print the invite URL",
  usage: `star-coach register [--guild ID]
  Needs DISCORD_TOKEN and DISCORD_APP_ID. With --guild (or DEV_GUILD_ID) the commands appear in that
  server at once; without, they are global and can take up to an hour to appear everywhere.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { guild: { type: "string" } } });
    const config = parseConfig(io.env);
    if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID)
      throw new UsageError("set DISCORD_TOKEN and DISCORD_APP_ID first (see .env.example)");
    const guildId = values.guild ?? config.DEV_GUILD_ID;
    if (guildId !== undefined && !/^\d{17,20}$/.test(guildId))
      throw new UsageError("--guild must be a Discord server id (17 to 20 digits)");
    const count = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APP_ID,
      guildId,
      apiBase: config.DISCORD_API_BASE,
    });
    io.stdout.write(
      `Registered ${count} commands ${guildId ? `in server ${guildId}` : "globally"}.\n\nInvite the bot with:\n${inviteUrl(config.DISCORD_APP_ID)}\n`,
    );
    return 0;
  },
};
