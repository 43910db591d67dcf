import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { registerCommands } from "../../src/discord/register.js";
import { fetchGatewayBot, GatewayBotError, planShards } from "../../src/discord/shards.js";
import {
  type FakeDiscord,
  type InteractionHandle,
  messageText,
  startFakeDiscord,
} from "../fake-discord/index.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { createTestSchema, oneGuildPerShard, type TestSchema } from "../helpers/shards-fixture.js";
import { isRunning, type ShardsProcess, startShardsProcess } from "../helpers/shards-process.js";

// Runs when TEST_DATABASE_URL points at a PostgreSQL server (vitest.config.ts; CI always sets it): several
// shard processes need one shared store.
const serverUrl = process.env.TEST_DATABASE_URL ?? "";
const PG = "postgres://coach@127.0.0.1:5432/coach";
const TOKEN = `MTA${"x".repeat(21)}.Gabcde.${"y".repeat(38)}`;

let discord: FakeDiscord | undefined;
let shards: ShardsProcess | undefined;
let schema: TestSchema | undefined;

afterEach(async () => {
  shards?.killAll();
  shards = undefined;
  await discord?.close();
  discord = undefined;
  await schema?.drop();
  schema = undefined;
});

describe("shard count", () => {
  const noNetwork = async (): Promise<never> => {
    throw new Error("must not ask Discord");
  };

  it("parses DISCORD_SHARDS: auto by default, or a whole number of 1 or more", () => {
    expect(parseConfig({}).DISCORD_SHARDS).toBe("auto");
    expect(parseConfig({ DISCORD_SHARDS: " Auto " }).DISCORD_SHARDS).toBe("auto");
    expect(parseConfig({ DISCORD_SHARDS: "4" }).DISCORD_SHARDS).toBe(4);
    for (const bad of ["0", "-1", "1.5", "two"])
      expect(() => parseConfig({ DISCORD_SHARDS: bad }), bad).toThrow(
        "DISCORD_SHARDS: must be auto or a whole number of shards (1 or more)",
      );
  });

  it("takes Discord's recommendation for auto from GET {DISCORD_API_BASE}/v10/gateway/bot", async () => {
    discord = await startFakeDiscord({ shards: 3 });
    const fake = discord;
    const plan = await planShards({ DISCORD_SHARDS: "auto", DATABASE_URL: PG }, () =>
      fetchGatewayBot(fake.token, fake.apiBase),
    );
    expect(plan).toEqual({ count: 3, source: "discord", maxConcurrency: 16 });
    expect(discord.requests.map((r) => [r.method, r.path, r.authorized])).toEqual([
      ["GET", "/gateway/bot", true],
    ]);
  });

  it("uses a number as given, whatever Discord recommends", async () => {
    discord = await startFakeDiscord({ shards: 1 });
    const fake = discord;
    const plan = await planShards({ DISCORD_SHARDS: 2, DATABASE_URL: PG }, () =>
      fetchGatewayBot(fake.token, fake.apiBase),
    );
    expect(plan).toMatchObject({ count: 2, source: "config" });
  });

  it("refuses more than one shard without DATABASE_URL, before asking Discord for a number", async () => {
    const refused = await planShards({ DISCORD_SHARDS: 2, DATABASE_URL: undefined }, noNetwork).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused.message).toMatchInlineSnapshot(`
      "Configuration is invalid:
        - DATABASE_URL: DISCORD_SHARDS=2: 2 shard processes must share one PostgreSQL store; set DATABASE_URL (the embedded SQLite store belongs to one process) or DISCORD_SHARDS=1"
    `);
    const auto = await planShards({ DISCORD_SHARDS: "auto", DATABASE_URL: undefined }, async () => ({
      recommendedShards: 3,
      maxConcurrency: 1,
    })).catch((e) => e);
    expect(auto.message).toContain("DATABASE_URL: Discord recommends 3 shards (DISCORD_SHARDS=auto)");
    const one = await planShards({ DISCORD_SHARDS: "auto", DATABASE_URL: undefined }, async () => ({
      recommendedShards: 1,
      maxConcurrency: 1,
    }));
    expect(one.count).toBe(1);
  });

  it("says so when Discord refuses the token", async () => {
    discord = await startFakeDiscord();
    const error = await fetchGatewayBot("not-the-token", discord.apiBase).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayBotError);
    expect(error.message).toBe("Discord refused DISCORD_TOKEN (401): reset the bot token and set it again");
  });

  it("exits 2 with the refusal and no stack trace", async () => {
    const run = await runInProcess(["shards"], { env: { DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: "2" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "DATABASE_URL: DISCORD_SHARDS=2: 2 shard processes must share one PostgreSQL",
    );
    expect(run.stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });
});

describe("star-coach shards end to end", () => {
  it("runs two shard processes on PostgreSQL: each server's command is answered once, then all stop", async () => {
    discord = await startFakeDiscord({ guilds: oneGuildPerShard(2), waitTimeoutMs: 10_000 });
    const fake = discord;
    await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiBase: fake.apiBase });
    schema = await createTestSchema(serverUrl);
    const started = performance.now();
    shards = startShardsProcess({
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: schema.url,
      DISCORD_SHARDS: "2",
      GRADE_COOLDOWN_SECONDS: "0",
      LOG_LEVEL: "debug",
    });
    await fake.waitFor(
      () => (fake.identifies.length >= 2 ? true : undefined),
      "both shards to identify",
      30_000,
    );
    const identifiedMs = performance.now() - started;
    await shards.waitForLog((l) => l.msg === "all shards ready", "all shards ready");
    const readyMs = performance.now() - started;
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const handles: InteractionHandle[] = fake.guilds.map((g) =>
      fake.slashCommand({ name: "star", guildId: g.id }),
    );
    for (const handle of handles) expect(messageText(await handle.reply())).toContain("Situation");
    // Discord delivers the first server's interaction to the other shard too: that process must see, in
    // the shared store, that it was handled.
    const [first, second] = handles;
    if (!first || !second) throw new Error("expected two interactions");
    expect(fake.dispatch("INTERACTION_CREATE" as never, first.payload, second.payload.guild_id)).toBe(1);
    await shards.waitForLog(
      (l) => l.msg === "replayed interaction ignored" && l.interactionId === first.payload.id,
      "the other shard to ignore the replay",
    );
    for (const handle of handles) {
      const callbacks = fake.requests.filter((r) => r.path.includes(`/interactions/${handle.payload.id}/`));
      expect(callbacks).toHaveLength(1);
    }
    expect(fake.violations).toEqual([]);
    expect(fake.identifies).toHaveLength(2);
    // Each shard process says which shard it is on every line.
    const running = shards.logs.filter((l) => l.msg === "STAR Coach is running").map((l) => l.shard);
    expect(running.sort()).toEqual(["0", "1"]);

    const pids = shards.shardPids();
    expect(pids).toHaveLength(2);
    const stopAt = performance.now();
    shards.child.kill("SIGTERM");
    expect(await shards.exited).toEqual({ code: 0, signal: null });
    const stopMs = performance.now() - stopAt;
    for (const pid of pids) expect(isRunning(pid), `shard process ${pid}`).toBe(false);
    expect(shards.logs.filter((l) => l.msg === "shard process stopped").map((l) => l.code)).toEqual([0, 0]);
    expect(shards.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    console.info(
      `shards: both identified after ${Math.round(identifiedMs)} ms, all ready after ${Math.round(readyMs)} ms; ` +
        `ack latency ${handles.map((h) => `${h.latencyMs?.toFixed(1)} ms`).join(", ")}; stopped in ${Math.round(stopMs)} ms`,
    );
  }, 60_000);

  it("starts a shard that dies again, and shards stop themselves when the manager is killed", async () => {
    discord = await startFakeDiscord({ guilds: oneGuildPerShard(2), waitTimeoutMs: 10_000 });
    const fake = discord;
    schema = await createTestSchema(serverUrl);
    const running = startShardsProcess({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: schema.url,
      DISCORD_SHARDS: "2",
    });
    shards = running;
    await running.waitForLog((l) => l.msg === "all shards ready", "all shards ready");
    const [firstPid] = running.shardPids();
    if (firstPid === undefined) throw new Error("no shard process");
    process.kill(firstPid, "SIGKILL");
    const died = await running.waitForLog((l) => l.msg === "shard process died", "the death to be logged");
    expect(died).toMatchObject({ level: 50, pid: firstPid, signal: "SIGKILL", respawn: true });
    await running.waitForLog(
      (l) => l.msg === "shard ready" && running.logs.indexOf(l) > running.logs.indexOf(died),
      "the shard to be ready again",
    );
    expect(fake.identifies.map((i) => i.shard[0]).sort()).toEqual([0, 0, 1]);

    const pids = running.shardPids();
    expect(pids).toHaveLength(3);
    running.child.kill("SIGKILL");
    await running.exited;
    const alive = () => pids.filter(isRunning);
    for (let waited = 0; alive().length > 0 && waited < 15_000; waited += 100) await sleep(100);
    expect(alive()).toEqual([]);
  }, 60_000);
});
