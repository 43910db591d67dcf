import { StarCoachError } from "../core/errors.js";
/**
 * Asked for the LLM grader with no OPENAI_API_KEY configured. Its own module, free of the openai SDK
 * (errors.ts re-exports it), so that choosing a grader loads the SDK only for the LLM grader.
 */
export class NoApiKeyError extends StarCoachError {
  override readonly name = "NoApiKeyError";
  constructor() {
    super(
      "the LLM grader needs OPENAI_API_KEY (see .env.example); --grader auto or offline works without it",
    );
  }
}
