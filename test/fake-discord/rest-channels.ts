import { ChannelType, GatewayIntentBits } from "discord.js";
import { apiUser, dmChannel } from "./entities.js";
import { Errors } from "./errors.js";
import { snowflake } from "./ids.js";
import { asObject, asString } from "./json.js";
import { channelOf, guildIdOf, isThread, threadEvent } from "./lookup.js";
import { type Deps, ok, type Route } from "./router.js";

/** Channels and DMs: fetch, rename or archive, delete, typing, open a DM. */
export function channelRoutes({ world, gateway }: Deps): Route[] {
  return [
    {
      method: "GET",
      path: "/channels/:channelId",
      auth: true,
      handle: ({ params }) => ok(channelOf(world, params.channelId)),
    },
    {
      method: "PATCH",
      path: "/channels/:channelId",
      auth: true,
      handle: ({ params, body }) => {
        const channel = channelOf(world, params.channelId);
        const fields = asObject(body);
        if (typeof fields.name === "string" && channel.type !== ChannelType.DM) channel.name = fields.name;
        if (isThread(channel) && channel.thread_metadata) {
          if (typeof fields.archived === "boolean") channel.thread_metadata.archived = fields.archived;
          if (typeof fields.locked === "boolean") channel.thread_metadata.locked = fields.locked;
          threadEvent(gateway, channel, "THREAD_UPDATE");
        }
        return ok(channel);
      },
    },
    {
      method: "DELETE",
      path: "/channels/:channelId",
      auth: true,
      handle: ({ params }) => {
        const channel = channelOf(world, params.channelId);
        const guild = world.guildOfChannel(channel.id);
        if (guild) guild.channelIds.splice(guild.channelIds.indexOf(channel.id), 1);
        world.channels.delete(channel.id);
        if (isThread(channel)) threadEvent(gateway, channel, "THREAD_DELETE");
        else
          gateway.dispatch("CHANNEL_DELETE", channel, {
            guildId: guildIdOf(channel),
            intent: GatewayIntentBits.Guilds,
          });
        return ok(channel);
      },
    },
    {
      method: "POST",
      path: "/channels/:channelId/typing",
      auth: true,
      handle: ({ params }) => {
        channelOf(world, params.channelId);
        return ok();
      },
    },
    {
      method: "POST",
      path: "/users/@me/channels",
      auth: true,
      handle: ({ body }) => {
        const recipientId = asString(asObject(body).recipient_id) ?? "";
        const user = world.users.get(recipientId);
        if (!user) throw Errors.unknownUser();
        const existing = [...world.channels.values()].find(
          (c) => c.type === ChannelType.DM && c.recipients?.some((r) => r.id === recipientId),
        );
        if (existing) return ok(existing);
        const channel = dmChannel(snowflake(), apiUser(user));
        world.channels.set(channel.id, channel);
        return ok(channel);
      },
    },
  ];
}
