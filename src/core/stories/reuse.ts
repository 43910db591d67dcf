import { storyFeatures } from "./features.js";
import { featureSimilarity, REUSE_THRESHOLD } from "./similarity.js";
import type { StoryText } from "./types.js";

export interface StoryMatch {
  id: string;
  score: number;
}

/** The story an answer retells, when one is alike enough (REUSE_THRESHOLD); the closest if several are. */
export function matchAnswerToStories(answer: string, stories: readonly StoryText[]): StoryMatch | null {
  const features = storyFeatures(answer);
  let best: StoryMatch | null = null;
  for (const s of stories) {
    const score = featureSimilarity(features, storyFeatures(s.text));
    if (score >= REUSE_THRESHOLD && (!best || score > best.score)) best = { id: s.id, score };
  }
  return best;
}

/**
 * A story is overused when it answers more than half of a session's answers, and at least two: one story
 * in two of three answers is already what an interviewer remembers; two of five is a fair reuse.
 */
export const REUSE_MIN_ANSWERS = 2;

/**
 * Warnings for a session, given the story each answer retold (null when none): "You used *Pump line
 * kaizen* for 3 of 5 answers; interviewers notice."
 */
export function reuseWarnings(
  answerStories: readonly (string | null)[],
  stories: readonly { id: string; title: string }[],
): string[] {
  const uses = new Map<string, number>();
  for (const id of answerStories) if (id !== null) uses.set(id, (uses.get(id) ?? 0) + 1);
  const total = answerStories.length;
  const out: string[] = [];
  for (const [id, n] of uses) {
    if (n < REUSE_MIN_ANSWERS || n * 2 <= total) continue;
    const title = stories.find((s) => s.id === id)?.title ?? id;
    out.push(`You used *${title.replace(/\*/g, "")}* for ${n} of ${total} answers; interviewers notice.`);
  }
  return out;
}
