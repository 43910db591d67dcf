import type { FeatureName } from "./features.js";
import type { ModelId } from "./schema.js";

export interface ModelSpec {
  features: readonly FeatureName[];
  classes: number;
  l2: number;
}

/**
 * How much the whole story shows, read by every part model: interviewers judge a part as thin or clear
 * partly by the story around it (a clear action sits in a story with steps, figures and an outcome).
 */
const STORY: readonly FeatureName[] = [
  "action_steps",
  "numbers",
  "result_specifics",
  "past_share",
  "hypothetical",
];

const L2 = 0.01;

/**
 * Which evidence each calibrated model reads. Small on purpose: each list is what an interviewer looks
 * at for that judgement, so a maintainer can read the fitted weights in rubrics/calibration.json.
 */
export const MODEL_SPECS: Record<ModelId, ModelSpec> = {
  situation: {
    classes: 3,
    l2: L2,
    features: [
      "rule_situation",
      "situation_sentences",
      "situation_context",
      "situation_number",
      "problem_cues",
      "headings",
      "situation_words",
      "situation_specifics",
      ...STORY,
    ],
  },
  task: {
    classes: 3,
    l2: L2,
    features: [
      "rule_task",
      "task_sentences",
      "task_target",
      "task_implied",
      "headings",
      "task_words",
      ...STORY.filter((f) => f !== "action_steps"),
    ],
  },
  action: {
    classes: 3,
    l2: L2,
    features: [
      "rule_action",
      "concrete_actions",
      "action_specifics",
      "action_stock",
      "singular_share",
      "action_clauses",
      "story_clauses",
      "action_abstract",
      // How much the steps say: one long, specific step ("I used wiring diagrams to trace the power from
      // the source through the load centres…") is clear to interviewers though it counts as one.
      "action_words",
      // Its own count of steps, without the nouns and adjectives a verb's stem also finds; the other
      // models keep reading action_steps. Not the answer's figures: how many numbers a story has says
      // nothing of how clearly its steps are told (dropping it held up on splits not used to choose it).
      ...STORY.filter((f) => f !== "numbers").map((f) => (f === "action_steps" ? "action_verb_steps" : f)),
    ],
  },
  result: {
    classes: 3,
    l2: L2,
    features: [
      "rule_result",
      "result_sentences",
      "result_late",
      "result_numbers",
      "changes",
      "vague_result",
      "business_effect",
      "result_words",
      "result_outcome",
      ...STORY,
    ],
  },
  quantified_result: {
    classes: 2,
    l2: L2,
    features: ["rule_quantified", "result_numbers", "changes", "numbers", "rule_result", "hypothetical"],
  },
  baseline_and_after: {
    classes: 2,
    l2: L2,
    features: ["rule_baseline", "changes", "situation_number", "result_numbers", "hypothetical"],
  },
  method_or_framework: {
    classes: 2,
    l2: L2,
    features: ["rule_method", "methods_story", "methods_used", "analysis"],
  },
  first_person_ownership: {
    classes: 2,
    l2: L2,
    features: ["rule_first_person", "singular_actions", "plural_actions", "singular_share", "first_person"],
  },
};
