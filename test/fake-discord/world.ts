import type {
  APIApplicationCommand,
  APIAttachment,
  APIDMChannel,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
} from "discord.js";
import { Locale } from "discord.js";
import { INTERACTION_TOKEN_PATTERN } from "./ids.js";
import type {
  FakeUser,
  InteractionRecord,
  RecordedRequest,
  UnknownRoute,
  UserSpec,
  Violation,
} from "./types.js";
import { Waiters } from "./waiters.js";

export type FakeChannel = APITextChannel | APIThreadChannel | APIDMChannel;

/** A failure the test asked for: the next `times` requests to `route` get this error (see `failRequests`). */
export interface InjectedFault {
  method: string;
  route: string;
  status: number;
  code: number;
  message: string;
  times: number;
}

export interface GuildState {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly locale: Locale;
  readonly joinedAt: string;
  readonly everyoneRole: APIRole;
  readonly botRole: APIRole;
  /** Text channels and threads, in creation order. */
  readonly channelIds: string[];
  readonly memberIds: Set<string>;
}

export interface StoredMessage {
  message: APIMessage;
  guildId: string | undefined;
  /** Set for ephemeral messages: the only user who can see (and click) them. */
  visibleTo: string | undefined;
  deleted: boolean;
}

/** A file on the fake's CDN: what an attachment's `url` and `proxy_url` serve. */
export interface CdnFile {
  data: Buffer;
  contentType: string;
}

export interface WorldConfig {
  applicationId: string;
  bot: APIUser;
  token: string;
  botPermissions: bigint;
  shards: number;
  heartbeatIntervalMs: number;
  ackDeadlineMs: number;
  waitTimeoutMs: number;
}

/** Everything the fake knows: the "Discord" the bot sees, and what the bot did to it. */
export class World {
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage>();
  /** Registered commands by scope: `"global"` or a guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly unknownRoutes: UnknownRoute[] = [];
  /** Failures to answer with instead of handling the request; consumed as they are used. */
  readonly faults: InjectedFault[] = [];
  /** Attachment bytes by CDN path (`/attachments/{channel}/{attachment}/{name}`), served on the fake's origin. */
  readonly cdn = new Map<string, CdnFile>();
  /** Files uploaded with slash commands (attachment options), by attachment id. */
  readonly uploads = new Map<string, APIAttachment>();
  /** Every CDN download: its path and the status it was answered with. */
  readonly cdnDownloads: Array<{ path: string; status: number }> = [];
  readonly waiters: Waiters;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin = "";
  /** Set by the server: whether a bot session has an open gateway socket, for timeout messages. */
  isConnected: () => boolean = () => true;

  constructor(readonly config: WorldConfig) {
    this.waiters = new Waiters(config.waitTimeoutMs, () => this.diagnose());
  }

  notify(): void {
    this.waiters.notify();
  }

  addUser(spec: UserSpec, newId: () => string): FakeUser {
    const id = spec.id ?? newId();
    const existing = this.users.get(id);
    if (existing && Object.keys(spec).every((key) => key === "id")) return existing;
    const username = spec.username ?? existing?.username ?? `user${this.users.size + 1}`;
    const user: FakeUser = {
      id,
      username,
      globalName: spec.globalName ?? existing?.globalName ?? null,
      permissions: spec.permissions ?? existing?.permissions,
      locale: spec.locale ?? existing?.locale ?? Locale.EnglishUS,
    };
    this.users.set(id, user);
    return user;
  }

  /** The fault that applies to this request, if any, counted as used. */
  takeFault(method: string, route: string | null): InjectedFault | undefined {
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.route === route);
    if (fault) fault.times -= 1;
    return fault;
  }

  guildOfChannel(channelId: string): GuildState | undefined {
    const channel = this.channels.get(channelId);
    if (!channel || !("guild_id" in channel) || channel.guild_id === undefined) return undefined;
    return this.guilds.get(channel.guild_id);
  }

  interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }

  liveMessage(id: string): StoredMessage | undefined {
    const stored = this.messages.get(id);
    return stored && !stored.deleted ? stored : undefined;
  }

  /** Appended to timeout errors, so a failing end-to-end test says what the bot did instead. */
  private diagnose(): string {
    const lines: string[] = [];
    if (!this.isConnected()) lines.push("  the bot has no open gateway connection");
    for (const v of this.violations.slice(-5)) {
      lines.push(
        `  violation: ${v.method} ${v.path} → ${v.status} ${v.code} ${v.message} ${v.errors.join("; ")}`,
      );
    }
    for (const u of this.unknownRoutes.slice(-5)) lines.push(`  unknown route: ${u.method} ${u.path}`);
    const recent = this.requests
      .slice(-5)
      .map((r) => `  ${r.method} ${r.path.replace(INTERACTION_TOKEN_PATTERN, "<token>")} → ${r.status}`);
    if (recent.length > 0) lines.push("  last requests:", ...recent);
    return lines.length > 0 ? `\n${lines.join("\n")}` : "";
  }
}
