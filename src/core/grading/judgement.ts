import { z } from "zod";
import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Rubric } from "../rubric/schema.js";

/**
 * The anchor labels ("Absent" … "Exemplary") in score order. The model picks a label per criterion and
 * the code maps it to 0–4, so every criterion must use the same five labels (checked when content loads).
 */
export function anchorLabels(rubric: Rubric): [string, ...string[]] {
  const labels = rubric.criteria[0]?.anchors.map((a) => a.label) ?? [];
  const [first, ...rest] = labels;
  if (first === undefined) throw new Error("the rubric has no anchors");
  return [first, ...rest];
}

/** Problems that stop the rubric's anchors from serving as the LLM's labels. */
export function anchorLabelProblems(rubric: Rubric): string[] {
  const labels = rubric.criteria[0]?.anchors.map((a) => a.label) ?? [];
  const problems: string[] = [];
  if (new Set(labels).size !== labels.length) problems.push("anchor labels must be distinct");
  for (const c of rubric.criteria) {
    const own = c.anchors.map((a) => a.label);
    if (own.join("|") !== labels.join("|"))
      problems.push(`${c.id}: anchor labels must be ${labels.join(", ")} like the first criterion's`);
  }
  return problems;
}

/**
 * What the model returns, in the order it writes it: per criterion the quotes first, then one sentence
 * of reasoning, and only then the anchor it matches; then what is missing, the follow-up and the example.
 * Every field is required (strict structured outputs reject optional ones).
 */
export function judgementSchema(labels: readonly [string, ...string[]]) {
  const criterion = z.object({
    evidence: z.array(z.string()),
    rationale: z.string(),
    anchor: z.enum(labels),
  });
  return z.object({
    criteria: z.object(
      Object.fromEntries(CRITERIA.map((c) => [c, criterion])) as Record<CriterionId, typeof criterion>,
    ),
    missing: z.array(z.string()),
    follow_up: z.string(),
    improved_example: z.string(),
  });
}

export interface CriterionJudgement {
  evidence: string[];
  rationale: string;
  anchor: string;
}

export interface Judgement {
  criteria: Record<CriterionId, CriterionJudgement>;
  missing: string[];
  follow_up: string;
  improved_example: string;
}
