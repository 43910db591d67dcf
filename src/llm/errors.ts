import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  InternalServerError,
  OpenAIError,
  RateLimitError,
} from "openai";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/core/error";
import { ZodError } from "zod";
import { StarCoachError } from "../core/errors.js";
import type { FallbackReason } from "../core/grading/types.js";

/** The server answered, but with no grade we can use: a refusal, or no parsed content. */
export class LlmOutputError extends StarCoachError {
  override readonly name = "LlmOutputError";
  constructor(readonly reason: "refused" | "invalid_output") {
    super(reason === "refused" ? "the model refused to grade" : "the model returned no grade");
  }
}

/** The user's or the guild's daily token budget would be exceeded by this call. */
export class BudgetExceededError extends StarCoachError {
  override readonly name = "BudgetExceededError";
  constructor(readonly scope: "user" | "guild") {
    super(`the ${scope}'s daily LLM token budget is spent`);
  }
}

export { NoApiKeyError } from "./no-api-key-error.js";

/** Why a grade fell back to the offline one, from what was thrown. Order matters: subclasses first. */
export function fallbackReason(err: unknown): FallbackReason {
  if (err instanceof LlmOutputError) return err.reason;
  if (err instanceof BudgetExceededError) return "budget_exceeded";
  if (err instanceof APIConnectionTimeoutError) return "timeout";
  if (err instanceof APIConnectionError) return "connection";
  if (err instanceof RateLimitError) return "rate_limited";
  if (err instanceof InternalServerError) return "server_error";
  if (err instanceof APIError) return "api_error";
  if (err instanceof LengthFinishReasonError) return "length";
  if (err instanceof ContentFilterFinishReasonError) return "refused";
  // Malformed JSON (SyntaxError) or JSON that breaks the schema (ZodError), as the SDK's parse throws them.
  if (err instanceof ZodError || err instanceof SyntaxError || err instanceof OpenAIError)
    return "invalid_output";
  return "internal";
}

/** Reasons where the server most likely billed the call even though no grade came of it. */
export function billedDespiteFailure(reason: FallbackReason): boolean {
  return reason === "invalid_output" || reason === "refused" || reason === "length";
}
