import type { CliIO } from "./cli/io.js";
import { runPractice } from "./cli/practice-command.js";
import { type Config, parseConfig, secretsOf } from "./config.js";
import { shippedContent } from "./content-files.js";
import { startBot } from "./discord/bot.js";
import { createGrader } from "./llm/select.js";
import { configureLogger } from "./log.js";
import { createGroupService, createSessionService } from "./sessions/create.js";
import { withGuildSettings } from "./sessions/guild-grading.js";
import { storeBudgetLedger, storeGradeCache } from "./store/llm-ports.js";
import { openStore } from "./store/open.js";

const TERMINAL_HINT = `No DISCORD_TOKEN is set, so STAR Coach runs in the terminal. To run the Discord bot, set
DISCORD_TOKEN and DISCORD_APP_ID (see .env.example). OPENAI_API_KEY enables LLM grading.

`;

/** Runs the bot until SIGINT or SIGTERM, then disconnects and closes the store. */
async function runBot(config: Config): Promise<number> {
  const root = configureLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
  });
  // Under `star-coach shards` every line says which shard process wrote it.
  const log = process.env.SHARDING_MANAGER ? root.child({ shard: process.env.SHARDS }) : root;
  const content = shippedContent();
  const store = await openStore(config);
  const grader = createGrader("auto", {
    config,
    content,
    logger: log,
    cache: storeGradeCache(store),
    ledger: storeBudgetLedger(store),
  });
  const grade = withGuildSettings(
    (input, who) => grader.grade(input, who),
    grader.kind === "llm",
    store,
    content,
    () => new Date(),
  );
  const sessions = createSessionService(config, store, content, grade);
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
  const groups = createGroupService(store, content, sessions);
  const bot = await startBot({ config, content, store, sessions, groups, grade, log, now: () => new Date() });
  log.info({ grader: grader.kind, store: store.engine }, "STAR Coach is running");
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await bot.stop();
  await store.close();
  return 0;
}

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
  return runBot(config);
}
