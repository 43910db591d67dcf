import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { dirname, extname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type Shard, ShardingManager } from "discord.js";
import { z } from "zod";
import { type Config, ConfigError } from "../config.js";
import { StarCoachError } from "../core/errors.js";
import type { Logger } from "../log.js";

/**
 * What each shard process runs: `star-coach start` (see shard-entry.ts). Compiled (dist/, as `npm start`
 * and the bin run it) each shard runs dist/discord/shard-entry.js with plain node; from the sources
 * (`npm run dev`, tests without a fresh build) it runs shard-entry.ts through tsx.
 */
const here = fileURLToPath(import.meta.url);
const FROM_SOURCES = extname(here) === ".ts";
const SHARD_ENTRY = join(dirname(here), `shard-entry${extname(here)}`);
const DISCORD_API = "https://discord.com/api";
/** Discord allows one IDENTIFY per 5 s in each bucket (shard id % max_concurrency); discord.js waits 5.5 s. */
const IDENTIFY_INTERVAL_MS = 5_500;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

const GatewayBotSchema = z.object({
  shards: z.number().int().min(1),
  session_start_limit: z.object({ max_concurrency: z.number().int().min(1) }),
});

/** What `GET /gateway/bot` says about this bot. */
export interface GatewayBot {
  recommendedShards: number;
  maxConcurrency: number;
}

/** `GET /gateway/bot` failed: Discord unreachable, the token refused, or an answer we cannot read. */
export class GatewayBotError extends StarCoachError {
  override readonly name = "GatewayBotError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Our own `GET {apiBase}/v10/gateway/bot`: discord.js's fetchRecommendedShardCount always asks discord.com,
 * whatever DISCORD_API_BASE says, and drops max_concurrency, which paces the spawning.
 */
export async function fetchGatewayBot(token: string, apiBase: string = DISCORD_API): Promise<GatewayBot> {
  const url = `${apiBase.replace(/\/+$/, "")}/v10/gateway/bot`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bot ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new GatewayBotError(`could not reach ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (response.status === 401)
    throw new GatewayBotError(
      "Discord refused DISCORD_TOKEN (401): reset the bot token and set it again",
      401,
    );
  if (!response.ok) throw new GatewayBotError(`GET ${url} answered ${response.status}`, response.status);
  const parsed = GatewayBotSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new GatewayBotError(`GET ${url} did not answer with a gateway description`);
  return {
    recommendedShards: parsed.data.shards,
    maxConcurrency: parsed.data.session_start_limit.max_concurrency,
  };
}

export interface ShardPlan {
  count: number;
  /** Where the count came from: DISCORD_SHARDS, or Discord's recommendation (`auto`). */
  source: "config" | "discord";
  /** How many shards may identify at once (`session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

/** Shards are processes: more than one must share PostgreSQL, since SQLite is one process's store. */
function refuseWithoutPostgres(count: number, source: ShardPlan["source"], databaseUrl: string | undefined) {
  if (count <= 1 || databaseUrl) return;
  const why =
    source === "config"
      ? `DISCORD_SHARDS=${count}`
      : `Discord recommends ${count} shards (DISCORD_SHARDS=auto)`;
  throw new ConfigError([
    `DATABASE_URL: ${why}: ${count} shard processes must share one PostgreSQL store; set DATABASE_URL (the embedded SQLite store belongs to one process) or DISCORD_SHARDS=1`,
  ]);
}

/** Resolves DISCORD_SHARDS (`auto` asks `gateway`) and refuses several shards without PostgreSQL. */
export async function planShards(
  config: Pick<Config, "DISCORD_SHARDS" | "DATABASE_URL">,
  gateway: () => Promise<GatewayBot>,
): Promise<ShardPlan> {
  const source = config.DISCORD_SHARDS === "auto" ? "discord" : "config";
  if (typeof config.DISCORD_SHARDS === "number")
    refuseWithoutPostgres(config.DISCORD_SHARDS, source, config.DATABASE_URL);
  const info = await gateway();
  const count = config.DISCORD_SHARDS === "auto" ? info.recommendedShards : config.DISCORD_SHARDS;
  refuseWithoutPostgres(count, source, config.DATABASE_URL);
  return { count, source, maxConcurrency: info.maxConcurrency };
}

export interface RunningShards {
  manager: ShardingManager;
  /** Resolves when every shard is ready; rejects if one dies or times out first (never once stopping). */
  ready: Promise<void>;
  /** No more respawns; SIGTERM to every shard process (SIGKILL after 10 s), resolved once all have exited. */
  stop(): Promise<void>;
}

/** Spawns the shards in waves of max_concurrency, 5.5 s apart, each wave once the previous one is ready. */
export function startShards(plan: ShardPlan, options: { token: string; log: Logger }): RunningShards {
  const log = options.log;
  const startedAt = performance.now();
  const manager = new ShardingManager(SHARD_ENTRY, {
    totalShards: plan.count,
    shardList: [...Array(plan.count).keys()],
    mode: "process",
    respawn: true,
    execArgv: FROM_SOURCES ? ["--import", import.meta.resolve("tsx")] : [],
    token: options.token,
  });
  let stopping = false;
  manager.on("shardCreate", (shard) => watch(shard, log, () => stopping));

  async function spawnAll(): Promise<void> {
    for (let first = 0; first < plan.count && !stopping; first += plan.maxConcurrency) {
      const wave = [...Array(Math.min(plan.maxConcurrency, plan.count - first)).keys()].map((i) => first + i);
      const more = first + wave.length < plan.count;
      await Promise.all([
        ...wave.map((id) => manager.createShard(id).spawn(READY_TIMEOUT_MS)),
        ...(more ? [sleep(IDENTIFY_INTERVAL_MS)] : []),
      ]);
    }
    if (!stopping) log.info({ shards: plan.count, ms: elapsed(startedAt) }, "all shards ready");
  }

  const ready = spawnAll().catch((err: unknown) => {
    if (!stopping) throw err;
  });
  return {
    manager,
    ready,
    async stop() {
      stopping = true;
      manager.respawn = false;
      await Promise.all([...manager.shards.values()].map((shard) => stopProcess(shard.process)));
    },
  };
}

function watch(shard: Shard, log: Logger, stopping: () => boolean): void {
  let spawnedAt = performance.now();
  shard.on("spawn", (child) => {
    spawnedAt = performance.now();
    log.info({ shard: shard.id, pid: (child as ChildProcess).pid }, "shard process started");
  });
  shard.on("ready", () => log.info({ shard: shard.id, ms: elapsed(spawnedAt) }, "shard ready"));
  // A client that is being destroyed reports a reconnect too: only news while running.
  shard.on("disconnect", () => {
    if (!stopping()) log.warn({ shard: shard.id }, "shard disconnected from the gateway");
  });
  shard.on("reconnecting", () => {
    if (!stopping()) log.info({ shard: shard.id }, "shard reconnecting");
  });
  shard.on("resume", () => log.info({ shard: shard.id }, "shard resumed"));
  shard.on("death", (child) => {
    const { pid, exitCode: code, signalCode: signal } = child as ChildProcess;
    if (stopping()) log.info({ shard: shard.id, pid, code, signal }, "shard process stopped");
    else
      log.error({ shard: shard.id, pid, code, signal, respawn: shard.manager.respawn }, "shard process died");
  });
  shard.on("error", (err) => {
    if (!stopping()) log.error({ err, shard: shard.id }, "shard could not be started again");
  });
}

async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const force = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  child.kill("SIGTERM");
  await exited;
  clearTimeout(force);
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

/** `star-coach shards`: plans, spawns, and runs the shards until SIGINT or SIGTERM. Returns the exit code. */
export async function runShards(
  config: Config & { DISCORD_TOKEN: string },
  rootLog: Logger,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const log = rootLog.child({ module: "shards" });
  const token = config.DISCORD_TOKEN;
  const plan = await planShards(config, () => fetchGatewayBot(token, config.DISCORD_API_BASE));
  log.info(
    { shards: plan.count, source: plan.source, maxConcurrency: plan.maxConcurrency },
    "starting shard processes",
  );
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
  });
  signals.once("SIGINT", onSignal);
  signals.once("SIGTERM", onSignal);
  const shards = startShards(plan, { token, log });
  let code = 0;
  try {
    await Promise.race([shards.ready, stopSignal]);
    log.info({ signal: await stopSignal }, "stopping shards");
  } catch (err) {
    log.error({ err }, "shards did not start; stopping them");
    code = 1;
  } finally {
    signals.off("SIGINT", onSignal);
    signals.off("SIGTERM", onSignal);
    await shards.stop();
  }
  log.info("all shard processes stopped");
  return code;
}
