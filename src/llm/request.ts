import { setTimeout as sleep } from "node:timers/promises";
import type OpenAI from "openai";
import { APIConnectionTimeoutError, BadRequestError } from "openai";
import type { AutoParseableResponseFormat } from "openai/lib/parser";
import type { Judgement } from "../core/grading/judgement.js";
import { type Usage, UsageSchema } from "../core/grading/types.js";
import type { ChatPrompt } from "../core/prompts/grader-messages.js";
import { LlmOutputError } from "./errors.js";
import { MAX_RETRIES, MIN_ATTEMPT_MS, retryWait } from "./retry-policy.js";

/**
 * The sampling parameters a model accepts, learnt from its replies. Reasoning models (o-series, gpt-5)
 * answer 400 "Unsupported parameter" (or "Unsupported value") to `temperature` and `max_tokens`; the
 * request is then sent again without `temperature`, or with `max_completion_tokens`, and the grader keeps
 * the object so later calls do not pay for the same 400.
 */
export interface ModelParams {
  /** Send `temperature: 0`. */
  temperature: boolean;
  /** The name the output limit goes by. */
  tokenLimit: "max_tokens" | "max_completion_tokens";
}

export const defaultModelParams = (): ModelParams => ({ temperature: true, tokenLimit: "max_tokens" });

export interface JudgementRequest {
  client: OpenAI;
  model: string;
  prompt: ChatPrompt;
  responseFormat: AutoParseableResponseFormat<Judgement>;
  maxOutputTokens: number;
  /** The whole call, retries and waits included, ends by then. */
  timeoutMs: number;
  /** What the model accepts; updated in place when it rejects a parameter. */
  params?: ModelParams;
  /** Told when the model rejected a parameter and the request goes again without it. */
  onParamRejected?: (param: "temperature" | "max_tokens") => void;
  now?: () => number;
}

export interface JudgementReply {
  judgement: Judgement;
  usage: Usage | null;
  attempts: number;
}

/** The parameter a 400 says the model does not support, when it is one we can leave out or rename. */
function rejectedParam(err: unknown, params: ModelParams): "temperature" | "max_tokens" | null {
  if (!(err instanceof BadRequestError)) return null;
  const code = typeof err.code === "string" ? err.code : "";
  const named = typeof err.param === "string" ? err.param : null;
  // OpenAI names the parameter in `param`; a gateway that only relays the message names it there.
  const param =
    named ?? /unsupported (?:parameter|value):? '?(temperature|max_tokens)'?/i.exec(err.message)?.[1] ?? null;
  const unsupported =
    code === "unsupported_parameter" || code === "unsupported_value" || /unsupported/i.test(err.message);
  if (!unsupported) return null;
  if (param === "temperature" && params.temperature) return "temperature";
  if (param === "max_tokens" && params.tokenLimit === "max_tokens") return "max_tokens";
  return null;
}

/**
 * One Chat Completions call with structured output, temperature 0, within a deadline. A 429, a 5xx or
 * a refused connection is retried once, honouring retry-after only when the wait fits the deadline. A
 * 400 for an unsupported `temperature` or `max_tokens` (reasoning models) is sent again at once without
 * it (see ModelParams); that is not a retry, and happens at most once per parameter.
 * Throws the SDK's errors, or LlmOutputError for a refusal or an empty reply.
 */
export async function requestJudgement(req: JudgementRequest): Promise<JudgementReply> {
  const now = req.now ?? Date.now;
  const deadline = now() + req.timeoutMs;
  const params = req.params ?? defaultModelParams();
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    // The SDK's own timeout stops once the headers arrive; this signal also ends a stalled or dripping body.
    const deadlineSignal = AbortSignal.timeout(Math.max(1, deadline - now()));
    // What this attempt sends: a concurrent call may learn about the model meanwhile.
    const sent = { ...params };
    try {
      const completion = await req.client.chat.completions.parse(
        {
          model: req.model,
          ...(sent.temperature ? { temperature: 0 } : {}),
          ...(sent.tokenLimit === "max_tokens"
            ? { max_tokens: req.maxOutputTokens }
            : { max_completion_tokens: req.maxOutputTokens }),
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
      // A server that leaves a count out (or reports a negative one) is read as 0, never as NaN tokens.
      const usage = completion.usage ? (UsageSchema.safeParse(completion.usage).data ?? null) : null;
      return { judgement: message.parsed, usage, attempts: attempt };
    } catch (err) {
      if (deadlineSignal.aborted)
        throw new APIConnectionTimeoutError({ message: "the LLM call passed its deadline" });
      const rejected = rejectedParam(err, sent);
      if (rejected) {
        const learnt = rejected === "temperature" ? params.temperature : params.tokenLimit === "max_tokens";
        if (rejected === "temperature") params.temperature = false;
        else params.tokenLimit = "max_completion_tokens";
        if (learnt) req.onParamRejected?.(rejected);
        if (deadline - now() < MIN_ATTEMPT_MS) throw err;
        continue;
      }
      const wait = retries >= MAX_RETRIES ? null : retryWait(err, now());
      if (wait === null || deadline - now() - wait < MIN_ATTEMPT_MS) throw err;
      retries++;
      await sleep(wait);
    }
  }
}
