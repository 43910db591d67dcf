import {
  type APIDMChannel,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  PermissionFlagsBits,
  type RoleFlags,
  type ThreadChannelType,
} from "discord.js";
import type { FakeUser } from "./types.js";
import type { GuildState, World } from "./world.js";

const P = PermissionFlagsBits;

/** What @everyone may do in the fake's guilds. */
export const MEMBER_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.ChangeNickname |
  P.CreateInstantInvite;

/** The bot's managed role, unless `botPermissions` says otherwise: enough for replies and threads. */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | P.CreatePrivateThreads | P.ManageThreads;

export const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

export function apiUser(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: "0",
    global_name: user.globalName,
    avatar: null,
  };
}

export function botApiUser(id: string, username: string): APIUser {
  return { id, username, discriminator: "0000", global_name: null, avatar: null, bot: true };
}

export function role(
  id: string,
  name: string,
  permissions: bigint,
  position: number,
  botId?: string,
): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: permissions.toString(),
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(botId !== undefined ? { tags: { bot_id: botId } } : {}),
  };
}

export function member(world: World, guild: GuildState, userId: string): APIGuildMember {
  const isBot = userId === world.config.bot.id;
  const user = isBot ? world.config.bot : userOf(world, userId);
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: isBot ? [guild.botRole.id] : [],
    joined_at: guild.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function memberPermissions(guild: GuildState, user: FakeUser): bigint {
  if (user.permissions !== undefined) return user.permissions;
  return user.id === guild.ownerId ? ALL_PERMISSIONS : BigInt(guild.everyoneRole.permissions);
}

export function botPermissions(guild: GuildState): bigint {
  return BigInt(guild.everyoneRole.permissions) | BigInt(guild.botRole.permissions);
}

export function interactionMember(
  world: World,
  guild: GuildState,
  user: FakeUser,
): APIInteractionGuildMember {
  return {
    ...member(world, guild, user.id),
    user: apiUser(user),
    permissions: memberPermissions(guild, user).toString(),
  };
}

function userOf(world: World, userId: string): APIUser {
  const user = world.users.get(userId);
  if (!user) throw new Error(`fake-discord: unknown user ${userId}`);
  return apiUser(user);
}

export function textChannel(guildId: string, id: string, name: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

export interface ThreadInit {
  id: string;
  guildId: string;
  parentId: string;
  ownerId: string;
  name: string;
  type: ThreadChannelType;
  autoArchiveDuration: 60 | 1440 | 4320 | 10080;
  invitable: boolean;
}

export function threadChannel(init: ThreadInit): APIThreadChannel {
  return {
    id: init.id,
    type: init.type,
    guild_id: init.guildId,
    parent_id: init.parentId,
    owner_id: init.ownerId,
    name: init.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: init.autoArchiveDuration,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      ...(init.type === ChannelType.PrivateThread ? { invitable: init.invitable } : {}),
      create_timestamp: new Date().toISOString(),
    },
  };
}

export function dmChannel(id: string, recipient: APIUser): APIDMChannel {
  return {
    id,
    type: ChannelType.DM,
    name: null,
    recipients: [recipient],
    last_message_id: null,
    flags: 0 as ChannelFlags,
  };
}

export function guildCreate(world: World, guild: GuildState): GatewayGuildCreateDispatchData {
  const channels: APITextChannel[] = [];
  const threads: APIThreadChannel[] = [];
  for (const id of guild.channelIds) {
    const channel = world.channels.get(id);
    if (channel?.type === ChannelType.GuildText) channels.push(channel);
    else if (channel && channel.type !== ChannelType.DM) threads.push(channel);
  }
  const memberIds = [world.config.bot.id, ...guild.memberIds];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [guild.everyoneRole, guild.botRole],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: memberIds.length,
    members: memberIds.map((id) => member(world, guild, id)),
    channels,
    threads,
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
