import { Locale } from "discord.js";
import { MEMBER_PERMISSIONS, role, textChannel } from "./entities.js";
import { snowflake } from "./ids.js";
import type { ChannelSpec, GuildSpec } from "./types.js";
import type { GuildState, World } from "./world.js";

/** Creates a guild with its @everyone role, the bot's managed role, its channels and members. */
export function addGuild(world: World, spec: GuildSpec): GuildState {
  const id = spec.id ?? snowflake();
  if (world.guilds.has(id)) throw new Error(`fake-discord: guild ${id} already exists`);
  const members = (spec.members ?? []).map((m) => world.addUser(m, snowflake));
  const owner = spec.ownerId ?? members[0]?.id ?? world.addUser({ username: "server-owner" }, snowflake).id;
  world.addUser({ id: owner }, snowflake);
  const guild: GuildState = {
    id,
    name: spec.name ?? "STAR Coach Test Server",
    ownerId: owner,
    locale: spec.locale ?? Locale.EnglishUS,
    joinedAt: new Date().toISOString(),
    everyoneRole: role(id, "@everyone", MEMBER_PERMISSIONS, 0),
    botRole: role(
      snowflake(),
      world.config.bot.username,
      world.config.botPermissions,
      1,
      world.config.bot.id,
    ),
    channelIds: [],
    memberIds: new Set([owner, ...members.map((m) => m.id)]),
  };
  world.guilds.set(id, guild);
  for (const channel of spec.channels ?? [{ name: "general" }]) addTextChannel(world, guild, channel);
  return guild;
}

export function addTextChannel(world: World, guild: GuildState, spec: ChannelSpec): string {
  const id = spec.id ?? snowflake();
  if (world.channels.has(id)) throw new Error(`fake-discord: channel ${id} already exists`);
  world.channels.set(id, textChannel(guild.id, id, spec.name, guild.channelIds.length));
  guild.channelIds.push(id);
  return id;
}
