import { REST, Routes } from "discord.js";
import { COMMANDS } from "./commands/index.js";

export function commandDefinitions() {
  return COMMANDS.map((c) => c.data.toJSON());
}

/** Puts the command definitions to Discord: to one guild (instant, for development) or globally. */
export async function registerCommands(options: {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiBase?: string | undefined;
}): Promise<number> {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body: commandDefinitions() })) as unknown[];
  return result.length;
}
