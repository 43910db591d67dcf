import type { Content } from "../content/load.js";
import { hitsBy, storyVocabulary } from "../evidence/topic.js";
import type { Level } from "../levels.js";
import { estimateLevel } from "./level.js";
import { readStoryScope, type StoryScope } from "./story-scope.js";
import { tokenize } from "./tokens.js";

export interface StoryAnalysis {
  /** Competency ids the story has evidence for, most first; at least the top one when any keyword hits. */
  competencies: string[];
  level: Level;
  scope: StoryScope;
  levelReason: string;
}

/**
 * A competency beside the top one needs this many distinct keywords, and at least half the top one's: a
 * pick-path story names SKUs and slotting (inventory) and travel waste and standard work (process
 * improvement); one stray "audit" does not make it a quality story.
 */
const MIN_HITS = 2;
const SHARE_OF_TOP = 0.5;

/** Longer than any story is told: past it only the start is read, so a pasted book cannot stall a bot. */
export const MAX_STORY_CHARS = 20_000;

export function analyzeStory(text: string, content: Pick<Content, "bank">): StoryAnalysis {
  const story = text.slice(0, MAX_STORY_CHARS);
  const hits = hitsBy(story, storyVocabulary(content.bank.competencies));
  // Bank order breaks ties, so the ranking is the same on every run.
  const ranked = [...hits].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  const competencies = ranked
    .filter(([, n], i) => i === 0 || (n >= MIN_HITS && n >= top * SHARE_OF_TOP))
    .map(([id]) => id);
  const scope = readStoryScope(tokenize(story));
  const { level, reason } = estimateLevel(scope);
  return { competencies, level, scope, levelReason: reason };
}
