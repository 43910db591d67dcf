import { join } from "node:path";
import { parseConfig } from "../../src/config.js";
import { inProcessEngine } from "../../src/core/grading/engine.js";
import { startBot } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/register.js";
import { createLogger, type Logger } from "../../src/log.js";
import { createGroupService, createSessionService } from "../../src/sessions/create.js";
import type { GradeFn } from "../../src/sessions/grader.js";
import { StoryService } from "../../src/sessions/story-service.js";
import { openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import type { FakeDiscord } from "../fake-discord/index.js";
import { content } from "./grade.js";
import { offlineGrade } from "./sessions.js";

export interface BotUnderTest {
  store: Store;
  stop(): Promise<void>;
}

export function botEnv(discord: FakeDiscord, dataDir: string): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_BASE: discord.apiBase,
    DATA_DIR: dataDir,
    GRADE_COOLDOWN_SECONDS: "0",
  };
}

/** The real bot (real discord.js client, real store) in this process, logged in to the fake Discord. */
export async function startTestBot(
  discord: FakeDiscord,
  dataDir: string,
  options: {
    grade?: GradeFn;
    env?: Record<string, string>;
    /** The bot's clock, for rounds and daily questions; the scheduler ticks every `tickMs`. */
    now?: () => Date;
    tickMs?: number;
    /** Wraps the store the bot uses (e.g. to make a write fail); `store` in the result is the real one. */
    wrapStore?: (store: Store) => Store;
    /** The bot's logger (default: silent). */
    log?: Logger;
  } = {},
): Promise<BotUnderTest> {
  const config = parseConfig({ ...botEnv(discord, dataDir), ...options.env });
  const guildId = discord.guilds[0]?.id;
  await registerCommands({
    token: discord.token,
    applicationId: discord.applicationId,
    guildId,
    apiBase: discord.apiBase,
  });
  const store = await openSqliteStore(join(dataDir, "star-coach.db"));
  const grade = options.grade ?? offlineGrade;
  const now = options.now ?? (() => new Date());
  const used = options.wrapStore ? options.wrapStore(store) : store;
  const sessions = createSessionService(config, used, content, grade);
  const groups = createGroupService(used, content, sessions, now);
  const log = options.log ?? createLogger({ level: "silent" });
  const bot = await startBot(
    {
      config,
      content,
      store: used,
      sessions,
      groups,
      stories: new StoryService({ store: used, content, engine: inProcessEngine(content), now, log }),
      grade,
      log,
      now,
    },
    options.tickMs ? { tickMs: options.tickMs } : {},
  );
  return {
    store,
    async stop() {
      await bot.stop();
      await store.close();
    },
  };
}
