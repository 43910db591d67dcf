import { type APIInteraction, type APIMessage, ChannelType } from "discord.js";
import { apiUser, dmChannel } from "./entities.js";
import { snowflake } from "./ids.js";
import type { Where } from "./interaction-payloads.js";
import type { FakeUser, UserSpec } from "./types.js";
import type { FakeChannel, World } from "./world.js";

/** A user: a FakeUser, a spec to create one, or the id of a known one. Default: the fake's default user. */
export type UserRef = FakeUser | UserSpec | string;

export interface Origin {
  user?: UserRef;
  /** Default: the first guild. `null`: a DM with the bot. */
  guildId?: string | null;
  /** Default: the guild's first text channel. */
  channelId?: string;
}

/** Works out who interacts and where, with the defaults a test can leave out. */
export class Locator {
  constructor(
    private readonly world: World,
    private readonly defaultUser: () => FakeUser,
  ) {}

  user(ref: UserRef | undefined): FakeUser {
    if (ref === undefined) return this.defaultUser();
    if (typeof ref === "string") {
      const known = this.world.users.get(ref);
      if (!known) throw new Error(`fake-discord: unknown user ${ref}; create it with discord.createUser()`);
      return known;
    }
    const known = ref.id !== undefined ? this.world.users.get(ref.id) : undefined;
    if (known === ref) return known;
    return this.world.addUser(ref as UserSpec, snowflake);
  }

  where(origin: Origin): Where {
    const user = this.user(origin.user);
    let channel: FakeChannel | undefined;
    if (origin.channelId !== undefined) {
      channel = this.world.channels.get(origin.channelId);
      if (!channel) throw new Error(`fake-discord: unknown channel ${origin.channelId}`);
    } else if (origin.guildId !== null) {
      const guild =
        origin.guildId !== undefined
          ? this.world.guilds.get(origin.guildId)
          : this.world.guilds.values().next().value;
      if (!guild && origin.guildId !== undefined)
        throw new Error(`fake-discord: unknown guild ${origin.guildId}`);
      const id = guild?.channelIds.find((c) => this.world.channels.get(c)?.type === ChannelType.GuildText);
      channel = id !== undefined ? this.world.channels.get(id) : undefined;
    }
    channel ??= this.dm(user);
    const guild = this.world.guildOfChannel(channel.id);
    if (origin.guildId !== undefined && (guild?.id ?? null) !== origin.guildId) {
      throw new Error(`fake-discord: channel ${channel.id} is not in guild ${origin.guildId}`);
    }
    guild?.memberIds.add(user.id);
    return { user, guild, channel };
  }

  whereOf(payload: APIInteraction, user: UserRef | undefined): Where {
    const userId = payload.member?.user.id ?? payload.user?.id;
    return this.where({ user: user ?? userId ?? this.defaultUser(), channelId: payload.channel?.id ?? "" });
  }

  onMessage(ref: APIMessage | string, userRef: UserRef | undefined) {
    const id = typeof ref === "string" ? ref : ref.id;
    const stored = this.world.liveMessage(id);
    const message = stored?.message ?? (typeof ref === "string" ? undefined : ref);
    if (!message) throw new Error(`fake-discord: no message ${id} (deleted, or never sent)`);
    const owner = stored?.visibleTo ?? message.interaction_metadata?.user.id;
    const where = this.where({ user: userRef ?? owner ?? this.defaultUser(), channelId: message.channel_id });
    if (stored?.visibleTo !== undefined && stored.visibleTo !== where.user.id) {
      throw new Error(
        `fake-discord: message ${id} is ephemeral; only user ${stored.visibleTo} can see and click it`,
      );
    }
    return { message, where };
  }

  private dm(user: FakeUser): FakeChannel {
    for (const channel of this.world.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipients?.some((r) => r.id === user.id))
        return channel;
    }
    const channel = dmChannel(snowflake(), apiUser(user));
    this.world.channels.set(channel.id, channel);
    return channel;
  }
}
