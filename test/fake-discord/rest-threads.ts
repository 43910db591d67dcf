import { type APIThreadChannel, ChannelType, type ThreadAutoArchiveDuration } from "discord.js";
import { Check } from "./check.js";
import { threadChannel } from "./entities.js";
import { ApiError, Errors } from "./errors.js";
import { snowflake } from "./ids.js";
import { asNumber, asObject } from "./json.js";
import { channelMessageOf, channelOf, isThread, threadEvent } from "./lookup.js";
import { type Deps, ok, type Route } from "./router.js";
import type { FakeChannel } from "./world.js";

const ARCHIVE_DURATIONS: readonly number[] = [60, 1440, 4320, 10080];
const wrongChannelType = () =>
  new ApiError(400, { code: 50024, message: "Cannot execute action on this channel type" });

/** Threads for group sessions: started from a message or standalone, and their members. */
export function threadRoutes(deps: Deps): Route[] {
  const { world } = deps;
  return [
    {
      method: "POST",
      path: "/channels/:channelId/threads",
      auth: true,
      handle: ({ params, body }) => {
        const thread = createThread(deps, channelOf(world, params.channelId), body, snowflake(), false);
        return { status: 201, body: thread };
      },
    },
    {
      method: "POST",
      path: "/channels/:channelId/messages/:messageId/threads",
      auth: true,
      handle: ({ params, body }) => {
        const stored = channelMessageOf(world, params.channelId, params.messageId);
        if (world.channels.has(stored.message.id)) {
          throw new ApiError(400, {
            code: 160004,
            message: "A thread has already been created for this message",
          });
        }
        // A thread started from a message takes the message's id, as on Discord.
        const thread = createThread(deps, channelOf(world, params.channelId), body, stored.message.id, true);
        stored.message = { ...stored.message, thread };
        return { status: 201, body: thread };
      },
    },
    ...(["PUT", "DELETE"] as const).map(
      (method): Route => ({
        method,
        path: "/channels/:channelId/thread-members/:userId",
        auth: true,
        handle: ({ params }) => {
          if (!isThread(channelOf(world, params.channelId))) throw wrongChannelType();
          return ok();
        },
      }),
    ),
  ];
}

function createThread(
  { world, gateway }: Deps,
  parent: FakeChannel,
  body: unknown,
  id: string,
  fromMessage: boolean,
): APIThreadChannel {
  if (parent.type !== ChannelType.GuildText) throw wrongChannelType();
  const fields = asObject(body);
  const check = new Check();
  if (check.required(["name"], fields.name)) check.length(["name"], fields.name, 1, 100);
  const duration = asNumber(fields.auto_archive_duration) ?? 4320;
  if (!ARCHIVE_DURATIONS.includes(duration)) {
    check.add(
      ["auto_archive_duration"],
      "BASE_TYPE_CHOICES",
      "Value must be one of {60, 1440, 4320, 10080}.",
    );
  }
  if (check.errors.length > 0) throw Errors.invalidFormBody(check.errors);
  const thread = threadChannel({
    id,
    guildId: parent.guild_id ?? "",
    parentId: parent.id,
    ownerId: world.config.bot.id,
    name: String(fields.name),
    type:
      !fromMessage && fields.type === ChannelType.PrivateThread
        ? ChannelType.PrivateThread
        : ChannelType.PublicThread,
    autoArchiveDuration: duration as ThreadAutoArchiveDuration,
    invitable: fields.invitable !== false,
  });
  world.channels.set(thread.id, thread);
  world.guildOfChannel(parent.id)?.channelIds.push(thread.id);
  threadEvent(gateway, thread, "THREAD_CREATE", { newly_created: true });
  return thread;
}
