import { Client, Events, GatewayIntentBits, Options, Partials } from "discord.js";
import type { Config } from "../config.js";
import { applyRetention } from "../sessions/create.js";
import type { BotContext } from "./context.js";
import { NO_MENTIONS } from "./reply.js";
import { BotRest } from "./rest.js";
import { route } from "./router.js";
import { startScheduler, TICK_MS } from "./scheduler.js";
import { listenForDirectMessages } from "./voice/dm.js";

const HOUR = 3_600_000;
const INTERACTION_MEMORY_MS = 24 * HOUR;

/** Kept only for the bot itself: nothing reads other users or members from the cache. */
const onlySelf = {
  maxSize: 0,
  keepOverLimit: (x: { id: string; client: Client }) => x.id === x.client.user?.id,
};

/**
 * What discord.js caches. Every interaction would add its user and member for good, and every message
 * the bot posts its message: none is read back (interactions carry their user, member and permissions;
 * a message needed again is fetched). Channels, threads, roles and guilds stay: posting a round reads
 * its channel from the cache. The rest is what GUILD_CREATE brings (emojis, stickers, events...) that
 * the bot never uses.
 */
const CACHES = Options.cacheWithLimits({
  UserManager: onlySelf,
  GuildMemberManager: onlySelf,
  MessageManager: 0,
  DMMessageManager: 0,
  ThreadMemberManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  StageInstanceManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  EntitlementManager: 0,
});

/**
 * Guilds, and direct messages for voice answers; no privileged intent. Typed answers arrive through
 * modals; a DM's attachments (and content) reach a bot without the Message Content intent. A DM channel
 * the bot has not seen since it started is not in the cache: the Channel partial lets its first message in.
 */
export function createClient(config: Pick<Config, "DISCORD_API_BASE">): Client {
  // discord.js takes SHARDS and SHARD_COUNT from the environment; only a ShardingManager may set them,
  // or a stray value would crash `start` or quietly run several shards in one process.
  if (!process.env.SHARDING_MANAGER) {
    delete process.env.SHARDS;
    delete process.env.SHARD_COUNT;
  }
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    makeCache: CACHES,
    ...(config.DISCORD_API_BASE ? { rest: { api: config.DISCORD_API_BASE } } : {}),
  });
  // Interaction responses are not held to the bot's global rate limit (see rest.ts). Nothing has used
  // the REST discord.js made yet: it is replaced before login.
  client.rest.clearHashSweeper();
  client.rest.clearHandlerSweeper();
  client.rest = new BotRest(client.options.rest ?? {}, () => client.application?.id);
  return client;
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

/**
 * Logs in and serves interactions until stopped. Group rounds close and daily questions post on a timer
 * (`tickMs`) that every shard and process may run. Answers left ungraded by a crash are not graded here:
 * the caller recovers them in the background once the bot is up (see main.ts), so a slow LLM never holds
 * up the login.
 */
export async function startBot(ctx: BotContext, options: { tickMs?: number } = {}): Promise<RunningBot> {
  const log = ctx.log.child({ module: "discord" });
  const purged = await applyRetention(ctx.config, ctx.store, ctx.now());
  if (purged > 0) log.info({ purged }, "deleted answers older than the retention period");
  const client = createClient(ctx.config);
  client.on(Events.InteractionCreate, (interaction) => {
    void route(interaction, { ...ctx, log });
  });
  listenForDirectMessages(client, { ...ctx, log });
  const scheduler = startScheduler(client, { ...ctx, log }, options.tickMs ?? TICK_MS);
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, "connected to Discord");
    // Rounds that came due and daily questions missed while the bot was down are handled at once.
    void scheduler.tick();
  });
  client.on(Events.ShardResume, (shard, replayed) =>
    log.info({ shard, replayed }, "gateway session resumed"),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, "gateway disconnected"),
  );
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  const housekeeping = setInterval(() => {
    const now = ctx.now();
    void ctx.store
      .forgetInteractions(new Date(now.getTime() - INTERACTION_MEMORY_MS).toISOString())
      .catch((err: unknown) => log.warn({ err }, "could not forget old interactions"));
    void applyRetention(ctx.config, ctx.store, now).catch((err: unknown) =>
      log.warn({ err }, "retention purge failed"),
    );
  }, HOUR);
  housekeeping.unref();
  await client.login(ctx.config.DISCORD_TOKEN);
  return {
    client,
    async stop() {
      clearInterval(housekeeping);
      await scheduler.stop();
      await client.destroy();
      log.info("disconnected from Discord");
    },
  };
}
