import { render } from "../feedback/template.js";
import type { PromptName, PromptValues } from "./variables.js";

export interface Prompts {
  /** The prompts' version id, stored with every LLM grade and part of the cache key. */
  version: string;
  texts: Record<PromptName, string>;
}

/** Fills one prompt's {variables}; throws TemplateError if the text names one the code did not supply. */
export function renderPrompt<N extends PromptName>(
  prompts: Prompts,
  name: N,
  values: PromptValues<N>,
): string {
  return render(prompts.texts[name], values);
}
