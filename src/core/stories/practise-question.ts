import type { Content } from "../content/load.js";
import type { Level } from "../levels.js";
import type { Question } from "../questions/schema.js";
import { matchStoriesToQuestion } from "./match.js";
import type { Story } from "./types.js";

/**
 * The bank question to practise a story on, at `level` (the story's own by default): among the questions
 * on its first competency that has any at that level (all the level's when none has), the one the story
 * fits best as the story bank's matching ranks it; the bank's order breaks ties. The terminal and Discord
 * both ask this. Null when the bank asks nothing at the level.
 */
export function practiseQuestion(
  story: Story & { level: Level },
  content: Pick<Content, "bank">,
  level: Level = story.level,
): Question | null {
  const onCompetency = story.competencies
    .map((competency) => content.bank.filter({ level, competency }))
    .find((questions) => questions.length > 0);
  const candidates = onCompetency ?? content.bank.filter({ level });
  let best: { question: Question; score: number } | null = null;
  for (const question of candidates) {
    const score = matchStoriesToQuestion(question, [story], content)[0]?.score ?? 0;
    if (!best || score > best.score) best = { question, score };
  }
  return best?.question ?? null;
}
