import type { CriterionId } from "../criteria.js";
import type { Features } from "./features.js";
import type { PartModel } from "./schema.js";

/** A STAR part's calibrated level (0 absent, 1 thin, 2 clear) picks the band; the rubric's anchors pick within it. */
export function withinBand(rule: number, band: number): number {
  if (band <= 0) return 0;
  // "Clear" needs what the anchors call at least generic (2): a vague part or a method only named stays thin.
  if (band === 1 || rule <= 1) return Math.min(2, Math.max(1, rule));
  return Math.max(3, rule);
}

/**
 * The 0–4 score of a STAR part. No credit for a part no sentence plays: the model judges how well a
 * part is told, not whether it is there.
 */
export function partScore(features: Features, part: PartModel, band: number): number {
  const rule = features[`rule_${part}`];
  if (features[`told_${part}`] <= 0) return 0;
  // A result told with its figures is there, however thin the model judges the rest: never absent.
  const floor = part === "result" && features.result_numbers > 0 ? 1 : 0;
  return withinBand(rule, Math.max(floor, band));
}

/** Every criterion's 0–4 score: the calibrated STAR parts, and the rubric's rules for the other two. */
export function criterionScores(
  features: Features,
  parts: Record<PartModel, number>,
): Record<CriterionId, number> {
  // Told as a plan or a habit, the action and result cannot show what was done (the rubric's gate).
  const told = features.hypothetical > 0 ? 1 : 4;
  return {
    situation: partScore(features, "situation", parts.situation),
    task: partScore(features, "task", parts.task),
    action: Math.min(told, partScore(features, "action", parts.action)),
    result: Math.min(told, partScore(features, "result", parts.result)),
    data_evidence: features.rule_data_evidence,
    ownership: features.rule_ownership,
  };
}
