import {
  type APIAttachment,
  type APIMessage,
  ChannelType,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
} from "discord.js";
import { cdnUrl } from "./cdn.js";
import { apiUser, member } from "./entities.js";
import type { Gateway } from "./gateway.js";
import { snowflake } from "./ids.js";
import { Locator, type UserRef } from "./origin.js";
import type { FakeUser } from "./types.js";
import type { StoredMessage, World } from "./world.js";

/** A file a user attaches: its bytes are served by the fake's CDN route. */
export interface UserAttachmentInput {
  filename: string;
  /** Discord's guess from the file; omit it for a file Discord could not type. */
  contentType?: string;
  data: Uint8Array;
  /** The size Discord reports; default the data's length (a client cannot lie about it, a test can). */
  size?: number;
  /** For audio: Discord's `duration_secs`. */
  durationSecs?: number;
  /** For a voice message: base64 of up to 256 one-byte samples. */
  waveform?: string;
}

export interface VoiceMessageInput {
  data: Uint8Array;
  durationSecs: number;
  /** Default: a flat waveform of 64 samples. */
  waveform?: string;
  /** Default `voice-message.ogg`, as Discord names them. */
  filename?: string;
  /** Default `audio/ogg`. */
  contentType?: string;
}

export interface UserMessageInput {
  user?: UserRef;
  /** Default: the user's DM with the bot (opened on the first message, as Discord does). */
  channelId?: string;
  content?: string;
  attachments?: UserAttachmentInput[];
  /** A voice message: the IS_VOICE_MESSAGE flag and one audio attachment, with no content. */
  voice?: VoiceMessageInput;
}

/** What `uploadAttachment` gives: the id to pass as a slash command's attachment option. */
export interface UploadedAttachment {
  id: string;
  attachment: APIAttachment;
}

const FLAT_WAVEFORM = Buffer.alloc(64, 16).toString("base64");

function attachment(
  world: World,
  prefix: "attachments" | "ephemeral-attachments",
  channelId: string,
  input: UserAttachmentInput,
): APIAttachment {
  const id = snowflake();
  const path = `/${prefix}/${channelId}/${id}/${encodeURIComponent(input.filename)}`;
  const data = Buffer.from(input.data);
  world.cdn.set(path, { data, contentType: input.contentType ?? "application/octet-stream" });
  const url = cdnUrl(world, path);
  return {
    id,
    filename: input.filename,
    size: input.size ?? data.length,
    url,
    proxy_url: url,
    ...(input.contentType !== undefined ? { content_type: input.contentType } : {}),
    ...(input.durationSecs !== undefined ? { duration_secs: input.durationSecs } : {}),
    ...(input.waveform !== undefined ? { waveform: input.waveform } : {}),
  };
}

/** Messages users send: stored, then dispatched as MESSAGE_CREATE to sessions with the intent for them. */
export class UserMessages {
  private readonly locate: Locator;

  constructor(
    private readonly world: World,
    private readonly gateway: Gateway,
    defaultUser: () => FakeUser,
  ) {
    this.locate = new Locator(world, defaultUser);
  }

  /** The user's DM channel with the bot, opened if it is not yet. */
  dmChannelId(user: UserRef | undefined): string {
    return this.locate.where({ ...(user !== undefined ? { user } : {}), guildId: null }).channel.id;
  }

  send(input: UserMessageInput): APIMessage {
    const where =
      input.channelId !== undefined
        ? this.locate.where({
            ...(input.user !== undefined ? { user: input.user } : {}),
            channelId: input.channelId,
          })
        : this.locate.where({ ...(input.user !== undefined ? { user: input.user } : {}), guildId: null });
    const { user, guild, channel } = where;
    const voice = input.voice;
    const files: UserAttachmentInput[] = voice
      ? [
          {
            filename: voice.filename ?? "voice-message.ogg",
            contentType: voice.contentType ?? "audio/ogg",
            data: voice.data,
            durationSecs: voice.durationSecs,
            waveform: voice.waveform ?? FLAT_WAVEFORM,
          },
        ]
      : (input.attachments ?? []);
    const message: APIMessage = {
      id: snowflake(),
      channel_id: channel.id,
      author: apiUser(user),
      content: voice ? "" : (input.content ?? ""),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: files.map((f) => attachment(this.world, "attachments", channel.id, f)),
      embeds: [],
      pinned: false,
      type: MessageType.Default,
      flags: (voice ? MessageFlags.IsVoiceMessage : 0) as MessageFlags,
    };
    const stored: StoredMessage = { message, guildId: guild?.id, visibleTo: undefined, deleted: false };
    this.world.messages.set(message.id, stored);
    if ("last_message_id" in channel) channel.last_message_id = message.id;
    // In a guild, the event carries the author's member without its user (the author is the user).
    const { user: _author, ...partialMember } = guild ? member(this.world, guild, user.id) : { user: null };
    // Discord adds the channel's type (discord.js builds an uncached DM channel from it); no CHANNEL_CREATE
    // comes first for a DM, as bots have not received those since API v8.
    const base = { ...message, channel_type: channel.type };
    const event = guild ? { ...base, guild_id: guild.id, member: partialMember } : base;
    this.gateway.dispatch("MESSAGE_CREATE", event, {
      guildId: guild?.id,
      intent:
        channel.type === ChannelType.DM ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages,
    });
    this.world.notify();
    return message;
  }

  /** A file uploaded with a slash command (an attachment option): its id is the option's value. */
  upload(input: UserAttachmentInput, channelId: string): UploadedAttachment {
    const uploaded = attachment(this.world, "ephemeral-attachments", channelId, input);
    this.world.uploads.set(uploaded.id, uploaded);
    return { id: uploaded.id, attachment: uploaded };
  }
}
