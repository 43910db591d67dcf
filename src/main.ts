import type { CliIO } from "./cli/io.js";
import { type Config, parseConfig, secretsOf } from "./config.js";
import { shippedContent } from "./content-files.js";
import { inProcessEngine } from "./core/grading/engine.js";
import { GradingPool } from "./grading-worker/pool.js";
import { createGrader } from "./llm/select.js";
import { configureLogger } from "./log.js";
import { keepRunningOnUnhandled } from "./process-errors.js";
import { createGroupService, createSessionService } from "./sessions/create.js";
import { withGuildSettings } from "./sessions/guild-grading.js";
import { StoryService } from "./sessions/story-service.js";
import { storeBudgetLedger, storeGradeCache } from "./store/llm-ports.js";
import { openStore } from "./store/open.js";

/** One paragraph: the practice wraps it to the terminal's width. */
const TERMINAL_HINT =
  "No DISCORD_TOKEN is set, so STAR Coach runs in the terminal. To run the Discord bot, set DISCORD_TOKEN and DISCORD_APP_ID (see .env.example). OPENAI_API_KEY enables LLM grading.";

/** How long shutting down waits for recovery's grades in flight. */
const RECOVERY_STOP_WAIT_MS = 5_000;

/** Runs the bot until SIGINT or SIGTERM, then disconnects and closes the store. */
async function runBot(config: Config): Promise<number> {
  const root = configureLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
  });
  // Under `star-coach shards` every line says which shard process wrote it.
  const log = process.env.SHARDING_MANAGER ? root.child({ shard: process.env.SHARDS }) : root;
  // From here on an unhandled rejection is logged (error, with the error and a running count) and the bot
  // goes on; the CLI's policy (a message, exit 1) would end it. See process-errors.ts.
  const rejections = keepRunningOnUnhandled(log);
  const content = shippedContent();
  const store = await openStore(config);
  // Offline grades (the LLM's fallback too) are computed off the event loop, in workers started on demand.
  const pool =
    config.GRADING_WORKERS > 0 ? new GradingPool({ content, log, workers: config.GRADING_WORKERS }) : null;
  const offline = pool ?? inProcessEngine(content);
  const grader = createGrader("auto", {
    config,
    content,
    logger: log,
    cache: storeGradeCache(store),
    ledger: storeBudgetLedger(store),
    offline,
  });
  const grade = withGuildSettings(
    (input, who) => grader.grade(input, who),
    grader.kind === "llm",
    store,
    offline,
    () => new Date(),
  );
  const sessions = createSessionService(config, store, content, grade);
  const groups = createGroupService(store, content, sessions);
  const stories = new StoryService({ store, content, engine: offline, log });
  // discord.js is loaded for the bot only, not for the terminal interview.
  const { startBot } = await import("./discord/bot.js");
  const bot = await startBot({
    config,
    content,
    store,
    sessions,
    groups,
    stories,
    grade,
    log,
    now: () => new Date(),
  });
  log.info({ grader: grader.kind, store: store.engine }, "STAR Coach is running");
  // Answers a crash left ungraded are graded once the bot is up, a few at a time, each under a claim in
  // the store (another shard recovering at the same time takes the others), and as their own server
  // grades: a hung LLM delays them, never the login.
  const recovery = sessions.recoverInBackground({ log });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal, unhandledRejections: rejections.count() }, "shutting down");
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  // Grades in flight get a moment to finish; one cut short keeps its answer, graded again after a start.
  await recovery.stop(RECOVERY_STOP_WAIT_MS);
  await bot.stop();
  await pool?.stop();
  await store.close();
  return 0;
}

/**
 * Wires configuration, logging and content, then runs the mode the configuration asks for. In the
 * terminal, `args` are practice's flags (`npm start -- --level mid`).
 */
export async function start(io: CliIO, args: string[] = []): Promise<number> {
  const config: Config = parseConfig(io.env);
  const logger = configureLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
  });
  const content = shippedContent();
  logger.debug({ questions: content.bank.questions.length }, "content loaded");
  if (!config.DISCORD_TOKEN) {
    const { parsePracticeArgs, runPractice } = await import("./cli/practice-command.js");
    return runPractice(io, { ...parsePracticeArgs(args), intro: TERMINAL_HINT });
  }
  return runBot(config);
}
