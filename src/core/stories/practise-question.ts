import type { Level } from "../levels.js";
import type { QuestionBank } from "../questions/bank.js";
import type { Question } from "../questions/schema.js";

/**
 * The bank question to practise a story on: the first asked at the story's level about its first
 * competency, else about any of its competencies (in the story's order), else the first at that level.
 * Null when the bank asks nothing at the level.
 */
export function practiseQuestion(
  story: { competencies: readonly string[]; level: Level },
  bank: Pick<QuestionBank, "filter">,
): Question | null {
  for (const competency of story.competencies) {
    const first = bank.filter({ level: story.level, competency })[0];
    if (first) return first;
  }
  return bank.filter({ level: story.level })[0] ?? null;
}
