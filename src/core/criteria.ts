import { z } from "zod";

/** The rubric's criteria, in the order reports show them. */
export const CRITERIA = ["situation", "task", "action", "result", "data_evidence", "ownership"] as const;
export const CriterionIdSchema = z.enum(CRITERIA);
export type CriterionId = z.infer<typeof CriterionIdSchema>;

export const CRITERION_LABELS: Record<CriterionId, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  data_evidence: "Data evidence",
  ownership: "Ownership",
};
