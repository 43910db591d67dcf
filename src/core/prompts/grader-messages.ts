import type { Evidence } from "../evidence/extract.js";
import { LEVEL_ROLES, type Level } from "../levels.js";
import type { Rubric } from "../rubric/schema.js";
import { evidenceSummary } from "./evidence-summary.js";
import { fenceTag } from "./fence.js";
import { type Prompts, renderPrompt } from "./render.js";

export interface GraderPromptInput {
  prompts: Prompts;
  rubric: Rubric;
  question: string;
  level: Level;
  evidence: Evidence;
  answer: string;
}

export interface ChatPrompt {
  system: string;
  user: string;
}

/** An anchor in one line: its first sentence, without the examples after "such as". */
export function compactAnchor(description: string): string {
  const first = description.split(/(?<=[.!?])\s+/)[0] ?? description;
  return first.replace(/,? such as [^.:;]*?(?=, but|\.$|$)/, "");
}

/**
 * The rubric as the model reads it, compact: per criterion its id and name, then one line per anchor.
 * Weights are left out: the code, not the model, combines the scores.
 */
export function rubricForPrompt(rubric: Rubric): string {
  return rubric.criteria
    .map((c) =>
      [`${c.id} (${c.name})`, ...c.anchors.map((a) => `- ${a.label}: ${compactAnchor(a.description)}`)].join(
        "\n",
      ),
    )
    .join("\n");
}

/** Renders the grader's system and user messages; the question and the answer go inside fences. */
export function graderMessages(input: GraderPromptInput): ChatPrompt {
  const { prompts, rubric, level } = input;
  const answerTag = fenceTag("answer", input.answer, input.question);
  const questionTag = fenceTag("question", input.answer, input.question);
  const spec = rubric.levels.find((l) => l.id === level);
  const system = renderPrompt(prompts, "grader_system", {
    rubric: rubricForPrompt(rubric),
    answer_tag: answerTag,
    question_tag: questionTag,
    improve_instructions: renderPrompt(prompts, "improve_example", {}),
  });
  const user = renderPrompt(prompts, "grader_user", {
    question_tag: questionTag,
    question: input.question,
    level,
    level_roles: LEVEL_ROLES[level],
    level_scope: spec?.scope ?? "",
    evidence: evidenceSummary(input.evidence),
    answer_tag: answerTag,
    answer: input.answer,
  });
  return { system, user };
}
