import { matchAnswerToStories, reuseWarnings } from "../stories/reuse.js";

/** A story of the user's bank as the report reads it. */
export interface ReportStory {
  id: string;
  title: string;
  text: string;
  /** The story's competency ids, best first. */
  competencies: readonly string[];
}

export interface StoryUse {
  /** Per question, in the session's order: the story its answer that counts retold, or null. */
  perQuestion: Array<{ storyId: string; title: string } | null>;
  /** "You used *Pump line kaizen* for 3 of 5 answers; interviewers notice." */
  warnings: string[];
}

export interface PostingFit {
  /** Stories sharing a competency with the posting's strongest ones, best overlap first. */
  fits: Array<{ storyId: string; title: string; competencies: string[] }>;
  /** The posting's strongest competencies no story covers, in the posting's order. */
  uncovered: string[];
}

/** How many of a posting's competencies (strongest first) its fit is judged against. */
export const POSTING_TOP = 6;

/**
 * Which story each answer retold. `answers` holds, per question, the text of the answer that counts
 * (null for a skipped or unanswered one): only answered questions count toward "3 of 5 answers".
 * Null when the user has no stories.
 */
export function storyUse(
  answers: readonly (string | null)[],
  stories: readonly ReportStory[],
): StoryUse | null {
  if (stories.length === 0) return null;
  const perQuestion = answers.map((answer) => {
    const match = answer === null ? null : matchAnswerToStories(answer, stories);
    const story = match ? stories.find((s) => s.id === match.id) : undefined;
    return story ? { storyId: story.id, title: story.title } : null;
  });
  const answered = perQuestion.filter((_, i) => answers[i] !== null).map((p) => p?.storyId ?? null);
  return { perQuestion, warnings: reuseWarnings(answered, stories) };
}

/**
 * Which stories fit a posting (its competencies strongest first) and which of its strongest competencies
 * no story covers yet. A story sharing more of them comes first; of two sharing as many, the one sharing
 * the posting's stronger competencies; then the user's order.
 */
export function postingFit(posting: readonly string[], stories: readonly ReportStory[]): PostingFit {
  const top = [...new Set(posting)].slice(0, POSTING_TOP);
  const weight = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (top.length - top.indexOf(id)), 0);
  const fits = stories
    .map((s) => ({
      storyId: s.id,
      title: s.title,
      competencies: top.filter((c) => s.competencies.includes(c)),
    }))
    .filter((f) => f.competencies.length > 0)
    .map((f, order) => ({ f, order, weight: weight(f.competencies) }))
    .sort(
      (a, b) => b.f.competencies.length - a.f.competencies.length || b.weight - a.weight || a.order - b.order,
    )
    .map(({ f }) => f);
  const uncovered = top.filter((c) => !stories.some((s) => s.competencies.includes(c)));
  return { fits, uncovered };
}

/** A warning's text in spans, its markdown italics (`*title*`) marked, for each screen to show its way. */
export function italicSpans(text: string): Array<{ text: string; italic: boolean }> {
  return text
    .split("*")
    .map((part, i) => ({ text: part, italic: i % 2 === 1 }))
    .filter((s) => s.text.length > 0);
}
