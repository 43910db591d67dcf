import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  type ApplicationFlags,
  type GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord.js";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { guildCreate, member } from "./entities.js";
import { randomToken, shardFor } from "./ids.js";
import { asArray, asNumber, asObject, type JsonObject } from "./json.js";
import type { GatewayStats } from "./types.js";
import type { World } from "./world.js";

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: `${GatewayDispatchEvents}`;
  s: number;
  d: unknown;
}

interface Session {
  readonly id: string;
  readonly shard: readonly [number, number];
  readonly intents: number;
  seq: number;
  /** Everything dispatched on this session, so a RESUME can replay what the client missed. */
  readonly sent: DispatchPayload[];
  socket: WebSocket | null;
}

interface Connection {
  readonly socket: WebSocket;
  readonly path: string;
  session: Session | null;
}

export interface IdentifyRecord {
  sessionId: string;
  shard: readonly [number, number];
  intents: number;
  properties: JsonObject;
  path: string;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  replayed: number;
  path: string;
}

const REPLAY_BUFFER = 1000;

/** The gateway WebSocket: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay. */
export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, invalidSessions: 0 };
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<WebSocket>();

  constructor(private readonly world: World) {}

  get url(): string {
    return `${this.world.origin.replace(/^http/, "ws")}/gateway`;
  }

  /** A different path from `url`, so a test can see that the client resumed where it was told to. */
  get resumeUrl(): string {
    return `${this.url}/resume`;
  }

  get connected(): boolean {
    return [...this.#sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(req, socket, head, (ws) =>
      this.accept(ws, new URL(req.url ?? "/", "ws://x").pathname),
    );
  }

  /** Sends an event to every session whose shard covers the guild; returns how many sessions got it. */
  dispatch(
    t: DispatchPayload["t"],
    d: unknown,
    scope: { guildId?: string | undefined; intent?: number } = {},
  ): number {
    let reached = 0;
    for (const session of this.#sessions.values()) {
      if (shardFor(scope.guildId, session.shard[1]) !== session.shard[0]) continue;
      if (scope.intent !== undefined && (session.intents & scope.intent) === 0) continue;
      this.send(session, t, d);
      reached += 1;
    }
    return reached;
  }

  /** Cuts the connection the way a network failure would (or closes with `code`); sessions stay resumable. */
  drop(code?: number): number {
    let dropped = 0;
    for (const session of this.#sessions.values()) {
      const socket = session.socket;
      if (!socket) continue;
      session.socket = null;
      if (code === undefined) socket.terminate();
      else socket.close(code);
      dropped += 1;
    }
    return dropped;
  }

  /** Opcode 7: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    for (const session of this.#sessions.values())
      this.raw(session.socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Opcode 9 with `false`: the sessions are gone and the client must identify again. */
  invalidateSessions(): void {
    for (const session of [...this.#sessions.values()]) {
      this.raw(session.socket, { op: GatewayOpcodes.InvalidSession, d: false });
      this.#sessions.delete(session.id);
    }
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#sessions.clear();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  private accept(socket: WebSocket, path: string): void {
    const connection: Connection = { socket, path, session: null };
    this.#sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("message", (data, isBinary) => this.receive(connection, data, isBinary));
    socket.on("close", (code) => {
      this.#sockets.delete(socket);
      const session = connection.session;
      if (session?.socket === socket) {
        session.socket = null;
        // A normal close ends the session on Discord too; anything else leaves it resumable.
        if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
      }
      this.world.notify();
    });
    this.raw(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.world.config.heartbeatIntervalMs },
    });
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: JsonObject;
    try {
      if (isBinary) throw new Error("binary frame");
      payload = asObject(JSON.parse(data.toString()));
    } catch {
      connection.socket.close(4002, "Error while decoding payload.");
      return;
    }
    const op = asNumber(payload.op);
    const d = asObject(payload.d);
    if (op === GatewayOpcodes.Heartbeat) {
      this.stats.heartbeats += 1;
      this.raw(connection.socket, { op: GatewayOpcodes.HeartbeatAck, d: null });
    } else if (op === GatewayOpcodes.Identify) this.identify(connection, d);
    else if (op === GatewayOpcodes.Resume) this.resume(connection, d);
    else if (!connection.session) connection.socket.close(4003, "Not authenticated.");
    else if (op === GatewayOpcodes.RequestGuildMembers) this.memberChunk(connection.session, d);
    else if (op !== GatewayOpcodes.PresenceUpdate && op !== GatewayOpcodes.VoiceStateUpdate) {
      connection.socket.close(4001, "Unknown opcode.");
    }
    this.world.notify();
  }

  private identify(connection: Connection, d: JsonObject): void {
    if (connection.session) {
      connection.socket.close(4005, "Already authenticated.");
      return;
    }
    if (d.token !== this.world.config.token) {
      connection.socket.close(4004, "Authentication failed.");
      return;
    }
    const [shardId = 0, shardCount = 1] = asArray(d.shard).map(Number);
    if (shardId >= shardCount) {
      connection.socket.close(4010, "Invalid shard.");
      return;
    }
    const session: Session = {
      id: randomToken(16),
      shard: [shardId, shardCount],
      intents: asNumber(d.intents) ?? 0,
      seq: 0,
      sent: [],
      socket: connection.socket,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.stats.identifies += 1;
    this.identifies.push({
      sessionId: session.id,
      shard: session.shard,
      intents: session.intents,
      properties: asObject(d.properties),
      path: connection.path,
    });
    const guilds = [...this.world.guilds.values()].filter((g) => shardFor(g.id, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.world.config.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard: [shardId, shardCount],
      application: { id: this.world.config.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.send(session, "READY", ready);
    if (session.intents & GatewayIntentBits.Guilds) {
      for (const guild of guilds) this.send(session, "GUILD_CREATE", guildCreate(this.world, guild));
    }
  }

  private resume(connection: Connection, d: JsonObject): void {
    const session = typeof d.session_id === "string" ? this.#sessions.get(d.session_id) : undefined;
    const seq = asNumber(d.seq) ?? 0;
    if (!session || d.token !== this.world.config.token) {
      this.stats.invalidSessions += 1;
      this.raw(connection.socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (seq > session.seq) {
      connection.socket.close(4007, "Invalid seq.");
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    session.socket = connection.socket;
    connection.session = session;
    const missed = session.sent.filter((p) => p.s > seq);
    for (const payload of missed) this.raw(connection.socket, payload);
    this.send(session, "RESUMED", {});
    this.stats.resumes += 1;
    this.resumes.push({ sessionId: session.id, seq, replayed: missed.length, path: connection.path });
  }

  private memberChunk(session: Session, d: JsonObject): void {
    const guild = typeof d.guild_id === "string" ? this.world.guilds.get(d.guild_id) : undefined;
    if (!guild) return;
    const wanted = asArray(d.user_ids).map(String);
    const ids = [this.world.config.bot.id, ...guild.memberIds].filter(
      (id) => wanted.length === 0 || wanted.includes(id),
    );
    this.send(session, "GUILD_MEMBERS_CHUNK", {
      guild_id: guild.id,
      members: ids.map((id) => member(this.world, guild, id)),
      chunk_index: 0,
      chunk_count: 1,
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private send(session: Session, t: DispatchPayload["t"], d: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.sent.push(payload);
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    this.raw(session.socket, payload);
  }

  private raw(
    socket: WebSocket | null,
    payload: { op: GatewayOpcodes; d: unknown; s?: number; t?: string },
  ): void {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}
