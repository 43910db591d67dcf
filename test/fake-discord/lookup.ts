import { type APIThreadChannel, ChannelType, GatewayIntentBits } from "discord.js";
import { Errors } from "./errors.js";
import type { Gateway } from "./gateway.js";
import type { JsonObject } from "./json.js";
import { isEphemeral } from "./messages.js";
import type { FakeChannel, StoredMessage, World } from "./world.js";

/** Shared look-ups for the channel routes, failing the way Discord does. */
export function channelOf(world: World, id: string | undefined): FakeChannel {
  const channel = id !== undefined ? world.channels.get(id) : undefined;
  if (!channel) throw Errors.unknownChannel();
  return channel;
}

/** A channel message the bot can see through the channel API (ephemeral ones are not). */
export function channelMessageOf(
  world: World,
  channelId: string | undefined,
  messageId: string | undefined,
): StoredMessage {
  const stored = messageId !== undefined ? world.liveMessage(messageId) : undefined;
  if (!stored || stored.message.channel_id !== channelId || isEphemeral(stored.message))
    throw Errors.unknownMessage();
  return stored;
}

export function guildIdOf(channel: FakeChannel): string | undefined {
  return channel.type === ChannelType.DM ? undefined : channel.guild_id;
}

export function isThread(channel: FakeChannel): channel is APIThreadChannel {
  return channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread;
}

export function threadEvent(
  gateway: Gateway,
  thread: APIThreadChannel,
  t: "THREAD_CREATE" | "THREAD_UPDATE" | "THREAD_DELETE",
  extra: JsonObject = {},
): void {
  gateway.dispatch(
    t,
    { ...thread, ...extra },
    { guildId: thread.guild_id, intent: GatewayIntentBits.Guilds },
  );
}
