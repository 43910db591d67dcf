import { Writable } from "node:stream";
import { parseConfig, secretsOf } from "../../src/config.js";
import { shippedContent } from "../../src/content-files.js";
import { resolveQuestion } from "../../src/core/grading/resolve.js";
import type { Level } from "../../src/core/levels.js";
import type { BudgetLedger, GradeCache } from "../../src/llm/ports.js";
import { createGrader, type Grader } from "../../src/llm/select.js";
import { createLogger } from "../../src/log.js";
import type { FakeOpenAI } from "../fake-openai/server.js";

export const API_KEY = "sk-test-0123456789abcdef";
export const content = shippedContent();

export interface TestGrader {
  grader: Grader;
  /** Every log line written so far, as JSON text. */
  logs(): string;
}

/** The real LLM grader, its client pointed at the fake server, logging at debug level into memory. */
export function llmGrader(
  fake: FakeOpenAI,
  options: {
    env?: Record<string, string>;
    cache?: GradeCache;
    ledger?: BudgetLedger;
    now?: () => Date;
  } = {},
): TestGrader {
  const config = parseConfig({
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: fake.url,
    OPENAI_TIMEOUT_MS: "5000",
    ...options.env,
  });
  let lines = "";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ level: "debug", format: "json", destination, secrets: secretsOf(config) });
  const grader = createGrader("llm", {
    config,
    content,
    logger,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { grader, logs: () => lines };
}

/** The GradeInput the CLI would build for a bank question id or free text. */
export function inputFor(
  answer: string,
  question = "Tell me about a time you improved a process.",
  level?: Level,
) {
  const resolved = resolveQuestion(question, content.bank, level ?? "entry");
  return { answer, question: resolved.ref, level: level ?? resolved.level };
}
