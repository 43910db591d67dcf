import type { CliIO } from "./cli/io.js";
import { runPractice } from "./cli/practice-command.js";
import { type Config, parseConfig, secretsOf } from "./config.js";
import { shippedContent } from "./content-files.js";
import { configureLogger } from "./log.js";

const TERMINAL_HINT = `No DISCORD_TOKEN is set, so STAR Coach runs in the terminal. To run the Discord bot, set
DISCORD_TOKEN and DISCORD_APP_ID (see .env.example). OPENAI_API_KEY enables LLM grading.

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
    io.stdout.write(TERMINAL_HINT);
    return runPractice(io);
  }
  io.stdout.write("The Discord bot is not part of this build yet; unset DISCORD_TOKEN to see what to try.\n");
  return 0;
}
