import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Config } from "../config.js";
import { applyRetention } from "../sessions/create.js";
import type { BotContext } from "./context.js";
import { NO_MENTIONS } from "./reply.js";
import { route } from "./router.js";

const HOUR = 3_600_000;
const INTERACTION_MEMORY_MS = 24 * HOUR;

/** Guilds intent only: answers arrive through modals, never through message content. */
export function createClient(config: Pick<Config, "DISCORD_API_BASE">): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_BASE ? { rest: { api: config.DISCORD_API_BASE } } : {}),
  });
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

/** Logs in and serves interactions until stopped. Answers left ungraded by a crash are graded first. */
export async function startBot(ctx: BotContext): Promise<RunningBot> {
  const log = ctx.log.child({ module: "discord" });
  const recovered = await ctx.sessions.recoverUngraded();
  if (recovered > 0) log.info({ recovered }, "graded answers left over from a previous run");
  const purged = await applyRetention(ctx.config, ctx.store, ctx.now());
  if (purged > 0) log.info({ purged }, "deleted answers older than the retention period");
  const client = createClient(ctx.config);
  client.on(Events.InteractionCreate, (interaction) => {
    void route(interaction, { ...ctx, log });
  });
  client.once(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, "connected to Discord"),
  );
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
      await client.destroy();
      log.info("disconnected from Discord");
    },
  };
}
