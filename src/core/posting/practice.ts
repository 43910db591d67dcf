import type { Level } from "../level-names.js";
import type { QuestionBank } from "../questions/bank.js";
import type { PostingAnalysis } from "./analyze.js";

/** What to practise for a posting: its level, and its strongest competency the bank asks at that level. */
export function practiceFor(
  analysis: Pick<PostingAnalysis, "level" | "competencies">,
  bank: Pick<QuestionBank, "filter">,
): { level: Level; focus: string | null } {
  const { level } = analysis;
  const focus = analysis.competencies.find((c) => bank.filter({ level, competency: c.id }).length > 0);
  return { level, focus: focus?.id ?? null };
}
