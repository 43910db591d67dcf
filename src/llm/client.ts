import OpenAI from "openai";
import type { Config } from "../config.js";

export type LlmConfig = Pick<Config, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_TIMEOUT_MS">;

/**
 * The official client for any OpenAI-compatible server. Retries are ours (see request.ts), because the
 * SDK waits as long as a retry-after header asks; and its own logger is off, because at debug level it
 * would print request bodies, which hold the candidate's answer.
 */
export function createLlmClient(config: LlmConfig & { OPENAI_API_KEY: string }): OpenAI {
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL ?? null,
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
    logLevel: "off",
  });
}
