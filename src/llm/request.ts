import { setTimeout as sleep } from "node:timers/promises";
import type OpenAI from "openai";
import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from "openai";
import type { AutoParseableResponseFormat } from "openai/lib/parser";
import type { Judgement } from "../core/grading/judgement.js";
import type { Usage } from "../core/grading/types.js";
import type { ChatPrompt } from "../core/prompts/grader-messages.js";
import { LlmOutputError } from "./errors.js";

/** One retry at most: a second failure falls back to the offline grade rather than keep a user waiting. */
const MAX_RETRIES = 1;
/** A retry is only worth it with at least this long left before the deadline. */
const MIN_ATTEMPT_MS = 1000;
const DEFAULT_WAIT_MS = { rate_limited: 1000, server_error: 500, connection: 250 } as const;

export interface JudgementRequest {
  client: OpenAI;
  model: string;
  prompt: ChatPrompt;
  responseFormat: AutoParseableResponseFormat<Judgement>;
  maxOutputTokens: number;
  /** The whole call, retries and waits included, ends by then. */
  timeoutMs: number;
  now?: () => number;
}

export interface JudgementReply {
  judgement: Judgement;
  usage: Usage | null;
  attempts: number;
}

function retryAfterMs(headers: Headers, now: number): number | null {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const raw = headers.get("retry-after");
  if (!raw) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** How long to wait before retrying after this error, or null when a retry cannot help. */
function retryWait(err: unknown, now: number): number | null {
  if (err instanceof APIConnectionTimeoutError) return null;
  if (err instanceof RateLimitError) return retryAfterMs(err.headers, now) ?? DEFAULT_WAIT_MS.rate_limited;
  if (err instanceof InternalServerError)
    return retryAfterMs(err.headers, now) ?? DEFAULT_WAIT_MS.server_error;
  if (err instanceof APIConnectionError) return DEFAULT_WAIT_MS.connection;
  return null;
}

/**
 * One Chat Completions call with structured output, temperature 0, within a deadline. A 429, a 5xx or
 * a refused connection is retried once, honouring retry-after only when the wait fits the deadline.
 * Throws the SDK's errors, or LlmOutputError for a refusal or an empty reply.
 */
export async function requestJudgement(req: JudgementRequest): Promise<JudgementReply> {
  const now = req.now ?? Date.now;
  const deadline = now() + req.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    // The SDK's own timeout stops once the headers arrive; this signal also ends a stalled or dripping body.
    const deadlineSignal = AbortSignal.timeout(Math.max(1, deadline - now()));
    try {
      const completion = await req.client.chat.completions.parse(
        {
          model: req.model,
          temperature: 0,
          max_tokens: req.maxOutputTokens,
          messages: [
            { role: "system", content: req.prompt.system },
            { role: "user", content: req.prompt.user },
          ],
          response_format: req.responseFormat,
        },
        { timeout: Math.max(1, deadline - now()), maxRetries: 0, signal: deadlineSignal },
      );
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new LlmOutputError("refused");
      if (!message?.parsed) throw new LlmOutputError("invalid_output");
      const usage = completion.usage
        ? {
            prompt_tokens: completion.usage.prompt_tokens,
            completion_tokens: completion.usage.completion_tokens,
          }
        : null;
      return { judgement: message.parsed, usage, attempts: attempt };
    } catch (err) {
      if (deadlineSignal.aborted)
        throw new APIConnectionTimeoutError({ message: "the LLM call passed its deadline" });
      const wait = attempt > MAX_RETRIES ? null : retryWait(err, now());
      if (wait === null || deadline - now() - wait < MIN_ATTEMPT_MS) throw err;
      await sleep(wait);
    }
  }
}
