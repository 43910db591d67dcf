import type { Content } from "../content/load.js";
import { hitsBy, storyVocabulary } from "../evidence/topic.js";
import { competencyWords } from "./coverage.js";
import { storyFeatures } from "./features.js";
import { listAnd } from "./list.js";
import { questionTerms } from "./question-words.js";
import { keywordsIn } from "./terms.js";
import type { Story } from "./types.js";

export interface QuestionRef {
  text: string;
  competency: string | null;
}

export interface StoryFit {
  id: string;
  title: string;
  /** 0 to 1: competency fit, then words shared with the question, then the story's grade. */
  score: number;
  /** In words: "covers safety; names hazard, lockout and near miss; 4/5": the question's terms first. */
  reason: string;
}

/**
 * The weights of a fit. Competency first (a cost story answers a cost question, whatever its words);
 * then the question's own words the story uses; then strength, so of two fitting stories the better
 * told comes first. An ungraded story counts as middling.
 */
const WEIGHTS = { competency: 0.5, words: 0.35, strength: 0.15 } as const;
const UNGRADED = 3;
/** Named in the reason: the question's terms and the competency's keywords the story uses, up to this many. */
const NAMED = 3;

/** The competencies a question asks about: the bank's, or the ones its words point to most. */
function askedCompetencies(question: QuestionRef, content: Pick<Content, "bank">): string[] {
  if (question.competency) return [question.competency];
  const hits = [...hitsBy(question.text, storyVocabulary(content.bank.competencies))];
  const top = Math.max(0, ...hits.map(([, n]) => n));
  return top > 0 ? hits.filter(([, n]) => n === top).map(([id]) => id) : [];
}

/** 1 when the story's main competency is asked, less when a secondary one is, 0 when none. */
function competencyFit(story: Story, asked: readonly string[]): { fit: number; id: string | null } {
  let best = { fit: 0, id: null as string | null };
  story.competencies.forEach((c, rank) => {
    // A secondary competency fits a little less: the words the story shares with the question decide.
    const fit = asked.includes(c) ? 1 / (1 + 0.1 * rank) : 0;
    if (fit > best.fit) best = { fit, id: c };
  });
  return best;
}

/** "about cost, not safety": why a story that fits no asked competency ranks low. */
function aboutOther(story: Story, asked: readonly string[]): string | null {
  const own = story.competencies[0];
  const [first] = asked;
  if (first === undefined) return null;
  return own
    ? `about ${competencyWords(own)}, not ${competencyWords(first)}`
    : `nothing on ${competencyWords(first)}`;
}

/** The user's stories for a question, best first, each with why. */
export function matchStoriesToQuestion(
  question: QuestionRef,
  stories: readonly Story[],
  content: Pick<Content, "bank">,
): StoryFit[] {
  const asked = askedCompetencies(question, content);
  const terms = questionTerms(question.text);
  // The reason names domain terms ("near miss", "overtime"), not whatever words the two share ("found").
  const questionKeywords = keywordsIn(
    storyFeatures(question.text),
    storyVocabulary(content.bank.competencies).flatMap((c) => c.keywords),
  );
  const fits = stories.map((story) => {
    const { fit, id } = competencyFit(story, asked);
    const features = storyFeatures(story.text);
    const shared = [...terms]
      .filter(([s]) => features.weights.has(`w:${s}`))
      .map(([s]) => features.spelling.get(s) ?? s);
    const words = terms.size > 0 ? shared.length / terms.size : 0;
    const vocab = storyVocabulary(content.bank.competencies).find((c) => c.id === (id ?? asked[0]));
    const named = [
      ...new Set([...keywordsIn(features, questionKeywords), ...keywordsIn(features, vocab?.keywords ?? [])]),
    ];
    const overall = story.overall ?? UNGRADED;
    const score = WEIGHTS.competency * fit + WEIGHTS.words * words + WEIGHTS.strength * ((overall - 1) / 4);
    const reason = [
      id ? `covers ${competencyWords(id)}` : aboutOther(story, asked),
      named.length > 0 ? `names ${listAnd(named.slice(0, NAMED))}` : null,
      story.overall !== null ? `${story.overall}/5` : "not graded yet",
    ]
      .filter((r) => r !== null)
      .join("; ");
    return { id: story.id, title: story.title, score: Math.round(score * 1000) / 1000, reason };
  });
  // Stable: equal scores keep the user's order.
  return fits.sort((a, b) => b.score - a.score);
}
