/**
 * The prompt files the LLM grader reads and, for each, every {variable} the code supplies. A prompt that
 * names any other variable is rejected when content loads; `required` ones must appear.
 */
export const PROMPTS = {
  grader_system: {
    supplied: ["rubric", "answer_tag", "question_tag", "improve_instructions"],
    required: ["rubric", "answer_tag"],
  },
  grader_user: {
    supplied: [
      "question_tag",
      "question",
      "level",
      "level_roles",
      "level_scope",
      "evidence",
      "answer_tag",
      "answer",
    ],
    required: ["answer_tag", "answer", "question"],
  },
  improve_example: { supplied: [], required: [] },
} as const;

export type PromptName = keyof typeof PROMPTS;
export const PROMPT_NAMES = Object.keys(PROMPTS) as PromptName[];
export type PromptValues<N extends PromptName> = Record<(typeof PROMPTS)[N]["supplied"][number], string>;
