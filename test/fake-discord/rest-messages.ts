import { GatewayIntentBits, PermissionFlagsBits } from "discord.js";
import { botPermissions } from "./entities.js";
import { ApiError, Errors } from "./errors.js";
import { asObject, type JsonObject } from "./json.js";
import { assertNotEmpty, assertValidMessage } from "./limits-message.js";
import { channelMessageOf, channelOf, guildIdOf, isThread } from "./lookup.js";
import { announce, createMessage, editedMessage, isEphemeral } from "./messages.js";
import { type Deps, ok, type Route } from "./router.js";
import type { FakeChannel, World } from "./world.js";

/** The bot posts in a guild channel only with Send Messages (Send Messages in Threads in a thread). */
function assertMayPost(world: World, channel: FakeChannel): void {
  const guildId = guildIdOf(channel);
  const guild = guildId ? world.guilds.get(guildId) : undefined;
  if (!guild) return;
  const needed = isThread(channel)
    ? PermissionFlagsBits.SendMessagesInThreads
    : PermissionFlagsBits.SendMessages;
  // A thread takes its permissions from its parent channel's overwrites.
  const source = isThread(channel) && channel.parent_id ? world.channels.get(channel.parent_id) : channel;
  const overwrites = source && "permission_overwrites" in source ? (source.permission_overwrites ?? []) : [];
  const denied = overwrites
    .filter((o) => o.id === guild.botRole.id || o.id === guild.everyoneRole.id)
    .reduce((bits, o) => bits | BigInt(o.deny), 0n);
  if ((botPermissions(guild) & ~denied & needed) === 0n)
    throw new ApiError(403, { code: 50013, message: "Missing Permissions" });
}

/** How long Discord remembers a nonce sent with `enforce_nonce` ("the past few minutes"). */
export const NONCE_MEMORY_MS = 5 * 60_000;

/** Messages the bot posts in channels and threads (not interaction responses). */
export function messageRoutes({ world, gateway }: Deps): Route[] {
  /** `channel:nonce` → the message created with it and when, for `enforce_nonce`. */
  const nonces = new Map<string, { messageId: string; at: number }>();
  return [
    {
      method: "GET",
      path: "/channels/:channelId/messages",
      auth: true,
      handle: ({ params, query }) => {
        channelOf(world, params.channelId);
        const limit = Math.min(Number(query.get("limit") ?? 50), 100);
        const newestFirst = [...world.messages.values()]
          .filter((m) => !m.deleted && m.message.channel_id === params.channelId && !isEphemeral(m.message))
          .map((m) => m.message)
          .reverse();
        return ok(newestFirst.slice(0, limit));
      },
    },
    {
      method: "POST",
      path: "/channels/:channelId/messages",
      auth: true,
      handle: ({ params, body, files }) => {
        const channel = channelOf(world, params.channelId);
        assertMayPost(world, channel);
        assertValidMessage(body, { base: [], creating: true, fileCount: files.length });
        const { nonce, enforce_nonce: enforce } = asObject(body);
        if (nonce !== undefined && String(nonce).length > 25)
          throw Errors.invalidFormBody([
            { path: ["nonce"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." },
          ]);
        // With enforce_nonce, a nonce the same author sent in the past few minutes returns that message.
        const nonceKey =
          nonce !== undefined && enforce === true ? `${channel.id}:${String(nonce)}` : undefined;
        const earlier = nonceKey ? nonces.get(nonceKey) : undefined;
        const existing =
          earlier && Date.now() - earlier.at < NONCE_MEMORY_MS
            ? world.liveMessage(earlier.messageId)
            : undefined;
        if (existing) return ok({ ...existing.message, nonce });
        const stored = createMessage(world, {
          channelId: channel.id,
          body: asObject(body),
          files,
          author: world.config.bot,
        });
        if ("message_count" in channel && channel.message_count !== undefined) channel.message_count += 1;
        if (nonceKey) nonces.set(nonceKey, { messageId: stored.message.id, at: Date.now() });
        announce(gateway, stored, "MESSAGE_CREATE");
        return ok(nonce !== undefined ? { ...stored.message, nonce } : stored.message);
      },
    },
    {
      method: "GET",
      path: "/channels/:channelId/messages/:messageId",
      auth: true,
      handle: ({ params }) => ok(channelMessageOf(world, params.channelId, params.messageId).message),
    },
    {
      method: "PATCH",
      path: "/channels/:channelId/messages/:messageId",
      auth: true,
      handle: ({ params, body, files }) => {
        const stored = channelMessageOf(world, params.channelId, params.messageId);
        if (stored.message.author.id !== world.config.bot.id) {
          throw new ApiError(403, { code: 50005, message: "Cannot edit a message authored by another user" });
        }
        assertValidMessage(body, { base: [], creating: false, fileCount: files.length });
        const next = editedMessage(world, stored.message, asObject(body), files);
        assertNotEmpty(next as unknown as JsonObject, 0);
        stored.message = next;
        announce(gateway, stored, "MESSAGE_UPDATE");
        return ok(next);
      },
    },
    {
      method: "DELETE",
      path: "/channels/:channelId/messages/:messageId",
      auth: true,
      handle: ({ params }) => {
        const stored = channelMessageOf(world, params.channelId, params.messageId);
        const channel = channelOf(world, params.channelId);
        stored.deleted = true;
        const guildId = guildIdOf(channel);
        const event = {
          id: stored.message.id,
          channel_id: channel.id,
          ...(guildId ? { guild_id: guildId } : {}),
        };
        const intent = guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
        gateway.dispatch("MESSAGE_DELETE", event, { guildId, intent });
        return ok();
      },
    },
  ];
}
