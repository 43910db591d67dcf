import { performance } from "node:perf_hooks";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { parseConfig } from "../src/config.js";
import type { Content } from "../src/core/content/load.js";
import { gradeAnswer, gradeWithEvidence } from "../src/core/grading/grade.js";
import { graderMessages } from "../src/core/prompts/grader-messages.js";
import { judgementFormat } from "../src/llm/grader.js";
import type { GradeCache } from "../src/llm/ports.js";
import { createGrader } from "../src/llm/select.js";
import { createLogger } from "../src/log.js";
import { fencedAnswer, judgement, sentencesOf } from "../test/fake-openai/judgements.js";
import { startFakeOpenAI } from "../test/fake-openai/server.js";
import { answerOfLength } from "./grader.js";

/** Chat Completions framing: about 3 tokens per message and 3 to prime the reply (OpenAI's cookbook). */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !keys.includes(k))
        .map(([k, v]) => [k, withoutKeys(v, keys)]),
    );
  return value;
}

export interface PromptTokens {
  words: number;
  answer: number;
  system: number;
  user: number;
  /** Both messages with their framing: what a tokenizer can count exactly. */
  messages: number;
  /**
   * The response format's schema as the API bills it, estimated: the schema's JSON without `required`,
   * `additionalProperties` and `$schema`, plus 9 (openai/openai-cookbook#2140).
   */
  schema: number;
  total: number;
}

const QUESTION = {
  id: null,
  text: "Tell me about a time you improved a process.",
  competency: null,
  probes: [],
};

/** Input tokens (o200k_base, the gpt-4o-mini encoding) of the grader prompt for an answer of `words` words. */
export function promptTokens(content: Content, words: number): PromptTokens {
  const answer = answerOfLength(words);
  const input = { answer, question: QUESTION, level: "entry" as const };
  const { evidence } = gradeWithEvidence(input, content);
  const prompt = graderMessages({
    prompts: content.prompts,
    rubric: content.rubric,
    question: QUESTION.text,
    level: "entry",
    evidence,
    answer,
  });
  const system = encode(prompt.system).length;
  const user = encode(prompt.user).length;
  const messages = system + user + 2 * PER_MESSAGE + REPLY_PRIMING;
  const schemaJson = JSON.stringify(
    withoutKeys(judgementFormat(content).json_schema.schema, ["required", "additionalProperties", "$schema"]),
  );
  const schema = encode(schemaJson).length + 9;
  return { words, answer: encode(answer).length, system, user, messages, schema, total: messages + schema };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Never hits, so every grade pays the full client path. */
const NO_CACHE: GradeCache = { get: async () => null, set: async () => {} };

export interface ClientOverhead {
  runs: number;
  offlineMs: number;
  llmMs: number;
  overheadMs: number;
}

/**
 * Median time per grade through the whole LLM path (prompt, the real openai client, HTTP on loopback
 * to the fake server, parsing, reconciling) against the offline grader alone. The fake answers at once,
 * so the difference is our overhead, not a model's latency.
 */
export async function clientOverhead(content: Content, runs: number): Promise<ClientOverhead> {
  const fake = await startFakeOpenAI((request) => {
    const first = sentencesOf(fencedAnswer(request))[0] ?? "";
    return { content: judgement("Specific", { situation: { evidence: [first] } }) };
  });
  try {
    const config = parseConfig({ OPENAI_API_KEY: "sk-bench-0000000000", OPENAI_BASE_URL: fake.url });
    const logger = createLogger({ level: "silent" });
    const grader = createGrader("llm", { config, content, logger, cache: NO_CACHE });
    const input = { answer: answerOfLength(300), question: QUESTION, level: "entry" as const };
    const time = async (fn: () => unknown) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    for (let i = 0; i < 20; i++) await grader.grade(input);
    const offline: number[] = [];
    const llm: number[] = [];
    for (let i = 0; i < runs; i++) {
      offline.push(await time(() => gradeAnswer(input, content)));
      llm.push(await time(() => grader.grade(input)));
    }
    const offlineMs = median(offline);
    const llmMs = median(llm);
    return { runs, offlineMs, llmMs, overheadMs: llmMs - offlineMs };
  } finally {
    await fake.close();
  }
}
