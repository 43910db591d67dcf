import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Grade } from "../grading/types.js";
import type { GradeSummary } from "./events.js";
import type { CriterionScoresMap } from "./types.js";

export function scoresOf(grade: Grade): CriterionScoresMap {
  return Object.fromEntries(CRITERIA.map((c) => [c, grade.criteria[c].score])) as CriterionScoresMap;
}

/** The weakest criterion: the lowest score, ties going to the criterion listed first in the rubric. */
export function weakestOf(scores: CriterionScoresMap): CriterionId {
  let weakest: CriterionId = CRITERIA[0];
  for (const c of CRITERIA) if (scores[c] < scores[weakest]) weakest = c;
  return weakest;
}

export function summarize(grade: Grade): GradeSummary {
  const scores = scoresOf(grade);
  return { overall: grade.overall, scores, followUp: grade.follow_up, weakest: weakestOf(scores) };
}
