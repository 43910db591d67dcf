import {
  type APIApplicationCommand,
  type APIMessage,
  type APIThreadChannel,
  ChannelType,
  GatewayIntentBits,
  OverwriteType,
} from "discord.js";
import { guildCreate } from "./entities.js";
import type { Gateway, IdentifyRecord, ResumeRecord } from "./gateway.js";
import { snowflake } from "./ids.js";
import { InteractionHandle } from "./interaction-handle.js";
import { isEphemeral } from "./messages.js";
import type { UserRef } from "./origin.js";
import { addGuild, addTextChannel } from "./setup.js";
import type {
  AutocompleteInput,
  ClickInput,
  ModalSubmitInput,
  SelectInput,
  Simulator,
  SlashCommandInput,
} from "./simulate.js";
import type {
  ChannelSpec,
  FakeUser,
  GatewayStats,
  GuildSpec,
  RecordedRequest,
  UnknownRoute,
  UserSpec,
  Violation,
} from "./types.js";
import {
  type UploadedAttachment,
  type UserAttachmentInput,
  type UserMessageInput,
  UserMessages,
} from "./user-messages.js";
import type { FakeChannel, GuildState, World } from "./world.js";

export interface GuildInfo {
  id: string;
  name: string;
  ownerId: string;
  /** Text channel ids, first one first. */
  channelIds: string[];
}

/** The test's view of the fake Discord: script users, inspect what the bot did. */
export class FakeDiscord {
  constructor(
    private readonly world: World,
    private readonly gateway: Gateway,
    private readonly simulator: Simulator,
    /** The user interactions come from unless a test names another. */
    readonly defaultUser: FakeUser,
    private readonly shutdown: () => Promise<void>,
  ) {}

  /** For `new Client({ rest: { api: discord.apiBase } })`. */
  get apiBase(): string {
    return `${this.world.origin}/api`;
  }

  get gatewayUrl(): string {
    return this.gateway.url;
  }

  get token(): string {
    return this.world.config.token;
  }

  get applicationId(): string {
    return this.world.config.applicationId;
  }

  get botUserId(): string {
    return this.world.config.bot.id;
  }

  get guilds(): GuildInfo[] {
    return [...this.world.guilds.values()].map((g) => this.guildInfo(g));
  }

  /** The first guild's first text channel: where interactions happen by default. */
  get defaultChannelId(): string {
    const id = this.guilds[0]?.channelIds[0];
    if (id === undefined) throw new Error("fake-discord: there is no guild channel");
    return id;
  }

  get requests(): readonly RecordedRequest[] {
    return this.world.requests;
  }

  get violations(): readonly Violation[] {
    return this.world.violations;
  }

  get unknownRoutes(): readonly UnknownRoute[] {
    return this.world.unknownRoutes;
  }

  get gatewayStats(): Readonly<GatewayStats> {
    return this.gateway.stats;
  }

  get identifies(): readonly IdentifyRecord[] {
    return this.gateway.identifies;
  }

  get resumes(): readonly ResumeRecord[] {
    return this.gateway.resumes;
  }

  /** Whether a bot session has an open gateway socket. */
  get connected(): boolean {
    return this.gateway.connected;
  }

  // ── Setting the scene ───────────────────────────────────────────────────────────────────────────

  createUser(spec: UserSpec = {}): FakeUser {
    return this.world.addUser(spec, snowflake);
  }

  /** Adds a guild; a connected bot receives GUILD_CREATE for it (discord.js emits `guildCreate`). */
  addGuild(spec: GuildSpec = {}): GuildInfo {
    const guild = addGuild(this.world, spec);
    this.gateway.dispatch("GUILD_CREATE", guildCreate(this.world, guild), {
      guildId: guild.id,
      intent: GatewayIntentBits.Guilds,
    });
    this.world.notify();
    return this.guildInfo(guild);
  }

  addChannel(guildId: string, spec: ChannelSpec): string {
    const guild = this.world.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    const id = addTextChannel(this.world, guild, spec);
    this.gateway.dispatch("CHANNEL_CREATE", this.world.channels.get(id), {
      guildId,
      intent: GatewayIntentBits.Guilds,
    });
    return id;
  }

  /** Denies the bot `permissions` in a channel (a role overwrite), as a server admin might. */
  denyBot(channelId: string, permissions: bigint): void {
    const channel = this.world.channels.get(channelId);
    if (!channel || channel.type !== ChannelType.GuildText)
      throw new Error(`fake-discord: no text channel ${channelId}`);
    const guild = this.world.guilds.get(channel.guild_id ?? "");
    if (!guild) throw new Error(`fake-discord: channel ${channelId} has no guild`);
    channel.permission_overwrites = [
      ...(channel.permission_overwrites ?? []),
      { id: guild.botRole.id, type: OverwriteType.Role, allow: "0", deny: permissions.toString() },
    ];
  }

  // ── Gateway ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Resolves once `count` IDENTIFYs have been answered with READY; gives the latest. A bot started as its
   * own process may take longer than the default wait on a busy machine: give it `timeoutMs`.
   */
  waitForIdentify(count = 1, timeoutMs?: number): Promise<IdentifyRecord> {
    return this.world.waiters.waitFor(
      () => (this.gateway.identifies.length >= count ? this.gateway.identifies.at(-1) : undefined),
      `${count} gateway IDENTIFY(s)`,
      timeoutMs,
    );
  }

  /** Resolves once `count` RESUMEs have succeeded; gives the latest. */
  waitForResume(count = 1): Promise<ResumeRecord> {
    return this.world.waiters.waitFor(
      () => (this.gateway.resumes.length >= count ? this.gateway.resumes.at(-1) : undefined),
      `${count} gateway RESUME(s)`,
    );
  }

  waitForHeartbeat(count = 1): Promise<number> {
    return this.world.waiters.waitFor(
      () => (this.gateway.stats.heartbeats >= count ? this.gateway.stats.heartbeats : undefined),
      `${count} heartbeat(s)`,
    );
  }

  /** Waits for any condition on the fake's state, re-checked after every request and gateway event. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T> {
    return this.world.waiters.waitFor(check, what, timeoutMs);
  }

  /** Kills the gateway socket (like a network failure) or closes it with `code`; the client should RESUME. */
  dropConnection(options: { code?: number } = {}): void {
    if (this.gateway.drop(options.code) === 0) throw new Error("fake-discord: no gateway connection to drop");
  }

  /** Opcode 7 RECONNECT. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Opcode 9 INVALID_SESSION (not resumable): the client must identify again. */
  invalidateSessions(): void {
    this.gateway.invalidateSessions();
  }

  /** Sends any dispatch event to the sessions that cover `guildId`. */
  dispatch(event: Parameters<Gateway["dispatch"]>[0], data: unknown, guildId?: string): number {
    return this.gateway.dispatch(event, data, { guildId });
  }

  // ── Faults ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * The next `times` (default 1) requests to a route template, e.g. `("PATCH",
   * "/webhooks/:appId/:token/messages/:messageId")`, fail with this Discord error instead of being handled.
   * Default: 400, code 50035 "Invalid Form Body" (discord.js throws a DiscordAPIError, and does not retry).
   */
  failRequests(
    method: string,
    route: string,
    error: { status?: number; code?: number; message?: string; times?: number } = {},
  ): void {
    this.world.faults.push({
      method,
      route,
      status: error.status ?? 400,
      code: error.code ?? 50035,
      message: error.message ?? "Invalid Form Body",
      times: error.times ?? 1,
    });
  }

  // ── What users do ───────────────────────────────────────────────────────────────────────────────

  slashCommand(input: SlashCommandInput): InteractionHandle {
    return this.simulator.slashCommand(input);
  }

  autocomplete(input: AutocompleteInput): InteractionHandle {
    return this.simulator.autocomplete(input);
  }

  clickButton(input: ClickInput): InteractionHandle {
    return this.simulator.clickButton(input);
  }

  selectMenu(input: SelectInput): InteractionHandle {
    return this.simulator.selectMenu(input);
  }

  submitModal(input: ModalSubmitInput): InteractionHandle {
    return this.simulator.submitModal(input);
  }

  /**
   * A message a user sends (default: in their DM with the bot, opened on the first message): stored, its
   * attachments served by the CDN route, and dispatched as MESSAGE_CREATE to sessions with the intent.
   */
  sendMessage(input: UserMessageInput): APIMessage {
    return this.users().send(input);
  }

  /** The user's DM channel with the bot (opened if needed). */
  dmChannelId(user?: UserRef): string {
    return this.users().dmChannelId(user);
  }

  /** A file picked for a slash command's attachment option: pass `id` as the option's value. */
  uploadAttachment(
    input: UserAttachmentInput,
    channelId: string = this.defaultChannelId,
  ): UploadedAttachment {
    return this.users().upload(input, channelId);
  }

  /** Downloads from the CDN route, oldest first. */
  get cdnDownloads(): ReadonlyArray<{ path: string; status: number }> {
    return this.world.cdnDownloads;
  }

  #users: UserMessages | undefined;
  private users(): UserMessages {
    this.#users ??= new UserMessages(this.world, this.gateway, () => this.defaultUser);
    return this.#users;
  }

  // ── What the bot did ────────────────────────────────────────────────────────────────────────────

  /** Commands as registered: global ones, or a guild's. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.world.commands.get(guildId ?? "global") ?? [];
  }

  /** What everyone in the channel sees, oldest first: no ephemeral or deleted messages. */
  channelMessages(channelId: string = this.defaultChannelId): APIMessage[] {
    return [...this.world.messages.values()]
      .filter((m) => !m.deleted && m.message.channel_id === channelId && !isEphemeral(m.message))
      .map((m) => m.message);
  }

  message(id: string): APIMessage | undefined {
    return this.world.liveMessage(id)?.message;
  }

  channel(id: string): FakeChannel | undefined {
    return this.world.channels.get(id);
  }

  threads(parentId?: string): APIThreadChannel[] {
    return [...this.world.channels.values()].filter(
      (c): c is APIThreadChannel =>
        (c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread) &&
        (parentId === undefined || c.parent_id === parentId),
    );
  }

  interactions(): InteractionHandle[] {
    return [...this.world.interactions.values()].map((r) => new InteractionHandle(this.world, r));
  }

  /** Time from dispatch to callback for every answered interaction, in dispatch order. */
  ackLatencies(): Array<{ label: string; latencyMs: number }> {
    return [...this.world.interactions.values()].flatMap((r) =>
      r.callback ? [{ label: r.label, latencyMs: r.callback.latencyMs }] : [],
    );
  }

  /** Requests to a route template, e.g. `("POST", "/channels/:channelId/messages")`. */
  requestsTo(method: string, route: string): RecordedRequest[] {
    return this.world.requests.filter((r) => r.method === method && r.route === route);
  }

  /** Stops the servers, closes every socket and fails any pending wait. Idempotent. */
  close(): Promise<void> {
    return this.shutdown();
  }

  private guildInfo(guild: GuildState): GuildInfo {
    const channelIds = guild.channelIds.filter(
      (id) => this.world.channels.get(id)?.type === ChannelType.GuildText,
    );
    return { id: guild.id, name: guild.name, ownerId: guild.ownerId, channelIds };
  }
}
