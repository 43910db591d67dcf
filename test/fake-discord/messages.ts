import {
  type APIAttachment,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
} from "discord.js";
import { cdnUrl } from "./cdn.js";
import type { Gateway } from "./gateway.js";
import { snowflake } from "./ids.js";
import { asArray, asNumber, asObject, asString, type JsonObject } from "./json.js";
import type { UploadedFile } from "./types.js";
import type { StoredMessage, World } from "./world.js";

export interface NewMessage {
  channelId: string;
  /** The request body, already checked against Discord's limits. */
  body: JsonObject;
  files: UploadedFile[];
  author: APIUser;
  type?: MessageType;
  /** Set for interaction responses and follow-ups: these are sent by the application's webhook. */
  webhookId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  /** Extra flags Discord adds itself (LOADING for a deferred reply). */
  extraFlags?: number;
  visibleTo?: string;
}

/** Creates a message from a request body, stores it and returns the stored entry. */
export function createMessage(world: World, init: NewMessage): StoredMessage {
  const id = snowflake();
  const flags = ((asNumber(init.body.flags) ?? 0) | (init.extraFlags ?? 0)) as MessageFlags;
  const guild = world.guildOfChannel(init.channelId);
  const message: APIMessage = {
    id,
    channel_id: init.channelId,
    author: init.author,
    content: asString(init.body.content) ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: init.body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: attachmentsFor(world, init.channelId, init.body, init.files),
    embeds: asArray(init.body.embeds) as APIMessage["embeds"],
    components: asArray(init.body.components) as NonNullable<APIMessage["components"]>,
    pinned: false,
    type: init.type ?? MessageType.Default,
    flags,
    ...(init.webhookId !== undefined ? { webhook_id: init.webhookId, application_id: init.webhookId } : {}),
    ...(init.interactionMetadata !== undefined ? { interaction_metadata: init.interactionMetadata } : {}),
  };
  const stored: StoredMessage = {
    message,
    guildId: guild?.id,
    visibleTo: (flags & MessageFlags.Ephemeral) !== 0 ? init.visibleTo : undefined,
    deleted: false,
  };
  world.messages.set(id, stored);
  const channel = world.channels.get(init.channelId);
  if (channel && "last_message_id" in channel) channel.last_message_id = id;
  return stored;
}

/** The message after an edit: fields present replace the old ones, `null` clears them, LOADING goes away. */
export function editedMessage(
  world: World,
  old: APIMessage,
  body: JsonObject,
  files: UploadedFile[],
): APIMessage {
  const next: APIMessage = { ...old, edited_timestamp: new Date().toISOString() };
  if ("content" in body) next.content = asString(body.content) ?? "";
  if ("embeds" in body) next.embeds = asArray(body.embeds) as APIMessage["embeds"];
  if ("components" in body)
    next.components = asArray(body.components) as NonNullable<APIMessage["components"]>;
  if ("attachments" in body || files.length > 0) {
    const keep = new Set(asArray(body.attachments).map((a) => String(asObject(a).id)));
    const kept = "attachments" in body ? old.attachments.filter((a) => keep.has(a.id)) : old.attachments;
    next.attachments = [...kept, ...attachmentsFor(world, old.channel_id, body, files)];
  }
  const ephemeral = (old.flags ?? 0) & MessageFlags.Ephemeral;
  const requested = asNumber(body.flags) ?? old.flags ?? 0;
  next.flags = ((requested & ~MessageFlags.Loading) | ephemeral) as MessageFlags;
  return next;
}

/** Non-ephemeral messages reach bots that asked for message events, as on Discord. */
export function announce(
  gateway: Gateway,
  stored: StoredMessage,
  event: "MESSAGE_CREATE" | "MESSAGE_UPDATE",
): void {
  if (isEphemeral(stored.message)) return;
  const guildId = stored.guildId;
  const intent = guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  gateway.dispatch(
    event,
    { ...stored.message, ...(guildId ? { guild_id: guildId } : {}) },
    { guildId, intent },
  );
}

function attachmentsFor(
  world: World,
  channelId: string,
  body: JsonObject,
  files: UploadedFile[],
): APIAttachment[] {
  const described = asArray(body.attachments).map(asObject);
  return files.map((file, index) => {
    const id = snowflake();
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
    world.cdn.set(path, { data: file.data, contentType: file.contentType });
    const url = cdnUrl(world, path);
    const description = asString(described[index]?.description);
    return {
      id,
      filename: file.name,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      ...(description !== undefined ? { description } : {}),
    };
  });
}

export function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}
