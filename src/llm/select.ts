import type { Config } from "../config.js";
import type { Content } from "../core/content/load.js";
import { inProcessEngine, type OfflineEngine } from "../core/grading/engine.js";
import type { GradeInput } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { Logger } from "../log.js";
import type { Requester } from "./budget.js";
import type { LlmGrader } from "./grader.js";
import type { GraderMode } from "./grader-modes.js";
import { MemoryBudgetLedger, MemoryGradeCache } from "./memory.js";
import { NoApiKeyError } from "./no-api-key-error.js";
import type { BudgetLedger, GradeCache } from "./ports.js";

export { GRADER_MODES, type GraderMode } from "./grader-modes.js";

/** What every adapter (CLI, Discord) grades through, whichever grader is behind it. */
export interface Grader {
  readonly kind: "offline" | "llm";
  grade(input: GradeInput, who?: Requester): Promise<Grade>;
}

export interface GraderDeps {
  config: Config;
  content: Content;
  logger: Logger;
  cache?: GradeCache;
  ledger?: BudgetLedger;
  now?: () => Date;
  /** Where the offline grade (the LLM grader's fallback too) is computed; by default, in this thread. */
  offline?: OfflineEngine;
}

/** The CLI's requester: budgets still count, per process. */
const LOCAL: Requester = { userId: "cli", guildId: null };

export function offlineGrader(content: Content, engine: OfflineEngine = inProcessEngine(content)): Grader {
  return { kind: "offline", grade: (input) => engine.grade(input) };
}

/** Whether `createGrader(mode)` grades offline: `offline`, or `auto` with no OPENAI_API_KEY. */
export function gradesOffline(mode: GraderMode, config: Pick<Config, "OPENAI_API_KEY">): boolean {
  return mode === "offline" || (mode === "auto" && config.OPENAI_API_KEY === undefined);
}

/**
 * `offline` always grades offline; `llm` needs OPENAI_API_KEY (NoApiKeyError otherwise); `auto` uses
 * the LLM when a key is set and the offline grader when not.
 */
export function createGrader(mode: GraderMode, deps: GraderDeps): Grader {
  const { config, content } = deps;
  const key = config.OPENAI_API_KEY;
  const offline = deps.offline ?? inProcessEngine(content);
  if (gradesOffline(mode, config)) return offlineGrader(content, offline);
  if (key === undefined) throw new NoApiKeyError();
  const cache = deps.cache ?? new MemoryGradeCache();
  const ledger = deps.ledger ?? new MemoryBudgetLedger();
  // The LLM grader, and the openai SDK with it, load on the first LLM grade: an offline run never loads them.
  let llm: Promise<LlmGrader> | undefined;
  const load = async (): Promise<LlmGrader> => {
    const [{ LlmGrader }, { createLlmClient }] = await Promise.all([
      import("./grader.js"),
      import("./client.js"),
    ]);
    return new LlmGrader({
      client: createLlmClient({ ...config, OPENAI_API_KEY: key }),
      model: config.OPENAI_MODEL,
      timeoutMs: config.OPENAI_TIMEOUT_MS,
      content,
      cache,
      ledger,
      budgets: { perUser: config.LLM_DAILY_TOKENS_PER_USER, perGuild: config.LLM_DAILY_TOKENS_PER_GUILD },
      logger: deps.logger,
      ...(deps.now ? { now: deps.now } : {}),
    });
  };
  return {
    kind: "llm",
    grade: async (input, who = LOCAL) => {
      llm ??= load();
      const [grader, fallback] = await Promise.all([llm, offline.gradeWithEvidence(input)]);
      return grader.grade(input, fallback, who);
    },
  };
}
