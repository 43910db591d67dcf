import type { CompetencyVocab } from "../evidence/topic.js";

/** A competency with the words stories about it use beyond its keywords (`story_words` in its file). */
export interface StoryCompetency extends CompetencyVocab {
  storyWords?: readonly string[];
}

const merged = new WeakMap<readonly StoryCompetency[], CompetencyVocab[]>();

/** The bank's competencies with each one's story words added; built once per bank. */
export function storyVocabulary(bank: readonly StoryCompetency[]): CompetencyVocab[] {
  let vocab = merged.get(bank);
  if (!vocab) {
    vocab = bank.map((c) => ({ ...c, keywords: [...c.keywords, ...(c.storyWords ?? [])] }));
    merged.set(bank, vocab);
  }
  return vocab;
}
