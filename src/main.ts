import type { CliIO } from "./cli/io.js";
import { type Config, parseConfig, secretsOf } from "./config.js";
import { shippedContent } from "./content-files.js";
import { configureLogger } from "./log.js";

const SETUP_HELP = `STAR Coach is installed and its content loads.

To run the Discord bot, set in .env (see .env.example):
  DISCORD_TOKEN    the bot token from the Discord developer portal
  DISCORD_APP_ID   the application id
Optional: OPENAI_API_KEY for LLM grading, DATABASE_URL for PostgreSQL.

Meanwhile, try:  npx star-coach questions --level mid --competency inventory
`;

/** Wires configuration, logging and content, then runs the mode the configuration asks for. */
export async function start(io: CliIO): Promise<number> {
  const config: Config = parseConfig(io.env);
  const logger = configureLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
  });
  const content = shippedContent();
  logger.debug({ questions: content.bank.questions.length }, "content loaded");
  if (!config.DISCORD_TOKEN) {
    io.stdout.write(SETUP_HELP);
    return 0;
  }
  io.stdout.write("The Discord bot is not part of this build yet; unset DISCORD_TOKEN to see what to try.\n");
  return 0;
}
