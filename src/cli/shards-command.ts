import { parseArgs } from "node:util";
import { parseConfig, secretsOf } from "../config.js";
import { GatewayBotError, runShards } from "../discord/shards.js";
import { configureLogger } from "../log.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";

export const shardsCommand: Command = {
  name: "shards",
  summary: "Run the Discord bot as several shard processes (discord.js ShardingManager) on shared PostgreSQL",
  usage: `star-coach shards
  Needs DISCORD_TOKEN, and DATABASE_URL (PostgreSQL) for more than one shard. DISCORD_SHARDS is the number of
  shards: auto (the default) takes Discord's recommendation from GET /gateway/bot (at DISCORD_API_BASE
  when set). Each shard is a \`star-coach start\` process serving the servers Discord routes to it; one
  that dies is started again. SIGINT or SIGTERM stops them all. See "Sharding" in the README.`,
  async run(args, io) {
    parseArgs({ args, options: {} });
    const config = parseConfig(io.env);
    if (!config.DISCORD_TOKEN) throw new UsageError("set DISCORD_TOKEN first (see .env.example)");
    const log = configureLogger({
      level: config.LOG_LEVEL,
      format: config.LOG_FORMAT,
      secrets: secretsOf(config),
    });
    try {
      return await runShards({ ...config, DISCORD_TOKEN: config.DISCORD_TOKEN }, log);
    } catch (err) {
      if (!(err instanceof GatewayBotError)) throw err;
      io.stderr.write(`Could not get the shard count from Discord: ${err.message}\n`);
      return 1;
    }
  },
};
