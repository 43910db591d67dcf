import {
  type APIMessage,
  type APIMessageInteractionMetadata,
  InteractionType,
  MessageFlags,
  MessageType,
} from "discord.js";
import type { Gateway } from "./gateway.js";
import type { JsonObject } from "./json.js";
import { announce, createMessage } from "./messages.js";
import type { InteractionRecord, UploadedFile } from "./types.js";
import type { StoredMessage, World } from "./world.js";

/** Creates a message sent by the application on behalf of an interaction (reply, deferral, follow-up). */
export function responseMessage(
  world: World,
  gateway: Gateway,
  record: InteractionRecord,
  body: JsonObject,
  files: UploadedFile[],
  extraFlags = 0,
): StoredMessage {
  const payload = record.payload;
  const user = payload.member?.user ?? payload.user;
  const metadata = user
    ? ({
        id: record.id,
        type: record.type,
        user,
        authorizing_integration_owners: payload.authorizing_integration_owners,
        ...(record.type === InteractionType.MessageComponent && payload.message
          ? { interacted_message_id: payload.message.id }
          : {}),
        ...(record.originalMessageId !== undefined
          ? { original_response_message_id: record.originalMessageId }
          : {}),
      } as APIMessageInteractionMetadata)
    : undefined;
  const stored = createMessage(world, {
    channelId: payload.channel?.id ?? "",
    body,
    files,
    author: world.config.bot,
    type:
      record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    webhookId: world.config.applicationId,
    extraFlags,
    visibleTo: record.userId,
    ...(metadata ? { interactionMetadata: metadata } : {}),
  });
  if ((extraFlags & MessageFlags.Loading) === 0) announce(gateway, stored, "MESSAGE_CREATE");
  return stored;
}

/** The message a component was on, stored if the test built it by hand. */
export function componentMessage(world: World, record: InteractionRecord): StoredMessage | undefined {
  const message: APIMessage | undefined = record.payload.message;
  if (!message) return undefined;
  const existing = world.liveMessage(message.id);
  if (existing) return existing;
  const stored: StoredMessage = {
    message,
    guildId: world.guildOfChannel(message.channel_id)?.id,
    visibleTo: undefined,
    deleted: false,
  };
  world.messages.set(message.id, stored);
  return stored;
}
