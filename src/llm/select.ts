import type { Config } from "../config.js";
import type { Content } from "../core/content/load.js";
import { type GradeInput, gradeAnswer, gradeWithEvidence } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { Logger } from "../log.js";
import type { Requester } from "./budget.js";
import { createLlmClient } from "./client.js";
import { NoApiKeyError } from "./errors.js";
import { LlmGrader } from "./grader.js";
import { MemoryBudgetLedger, MemoryGradeCache } from "./memory.js";
import type { BudgetLedger, GradeCache } from "./ports.js";

export const GRADER_MODES = ["offline", "llm", "auto"] as const;
export type GraderMode = (typeof GRADER_MODES)[number];

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
}

/** The CLI's requester: budgets still count, per process. */
const LOCAL: Requester = { userId: "cli", guildId: null };

export function offlineGrader(content: Content): Grader {
  return { kind: "offline", grade: async (input) => gradeAnswer(input, content) };
}

/**
 * `offline` always grades offline; `llm` needs OPENAI_API_KEY (NoApiKeyError otherwise); `auto` uses
 * the LLM when a key is set and the offline grader when not.
 */
export function createGrader(mode: GraderMode, deps: GraderDeps): Grader {
  const { config, content } = deps;
  const key = config.OPENAI_API_KEY;
  if (mode === "offline" || (mode === "auto" && key === undefined)) return offlineGrader(content);
  if (key === undefined) throw new NoApiKeyError();
  const llm = new LlmGrader({
    client: createLlmClient({ ...config, OPENAI_API_KEY: key }),
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    content,
    cache: deps.cache ?? new MemoryGradeCache(),
    ledger: deps.ledger ?? new MemoryBudgetLedger(),
    budgets: { perUser: config.LLM_DAILY_TOKENS_PER_USER, perGuild: config.LLM_DAILY_TOKENS_PER_GUILD },
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  return {
    kind: "llm",
    grade: (input, who = LOCAL) => llm.grade(input, gradeWithEvidence(input, content), who),
  };
}
