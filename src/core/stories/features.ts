import { stem } from "../evidence/relevance.js";
import { STOPWORDS } from "./stopwords.js";
import { type Token, tokenize } from "./tokens.js";

/**
 * What a story is made of, for telling two tellings of one story from two stories: its content words,
 * stemmed, and its figures. A figure is the strongest sign of the same story ("84% to 98%", "$60k" and
 * "$60,000" alike); a word is a weak one, since stories about one competency share their vocabulary.
 * Figure weights 1 to 5 were measured on test/fixtures/story-pairs.jsonl: 2 left the widest gap between
 * the closest different stories (0.33) and the furthest retelling (0.50); 4 and 5 let two stories from
 * one workplace with a figure or two in common pass for one story.
 */
export const FIGURE_WEIGHT = 2;
export const WORD_WEIGHT = 1;

export interface StoryFeatures {
  /** Feature key → weight: "w:slot" for a word stem, "#60000$" for a figure. */
  weights: Map<string, number>;
  /** The first spelling of each word stem, to name shared words in words. */
  spelling: Map<string, string>;
  /** Where each word stem stands among the story's words, to find phrases ("near miss"). */
  positions: Map<string, number[]>;
  /**
   * Every word's stem in order, small words included and figures left out, so that a phrase is found
   * only where its words stand together: "lost-time" is not in "we lost a lot of time".
   */
  sequence: string[];
}

/** "#84%", "#60000$", "#40": a figure's value and kind, so that "$60k" and "$60,000" are one figure. */
export function figureKey(t: Token): string | null {
  const f = t.figure;
  if (!f || !Number.isFinite(f.value)) return null;
  // "one" and "two" are grammar as often as figures ("one of the", "the two of us").
  if (!/\d/.test(t.text) && f.value <= 2) return null;
  return `#${f.value}${f.percent ? "%" : ""}${f.money ? "$" : ""}`;
}

export const isContentWord = (t: Token): boolean => !t.figure && t.text.length >= 3 && !STOPWORDS.has(t.text);

export function storyFeatures(text: string): StoryFeatures {
  const weights = new Map<string, number>();
  const spelling = new Map<string, string>();
  const positions = new Map<string, number[]>();
  const sequence: string[] = [];
  for (const t of tokenize(text)) {
    const figure = figureKey(t);
    if (figure) {
      weights.set(figure, FIGURE_WEIGHT);
      continue;
    }
    if (t.figure) continue;
    const s = stem(t.text);
    const at = positions.get(s);
    if (at) at.push(sequence.length);
    else positions.set(s, [sequence.length]);
    sequence.push(s);
    if (!isContentWord(t)) continue;
    weights.set(`w:${s}`, WORD_WEIGHT);
    if (!spelling.has(s)) spelling.set(s, t.text);
  }
  return { weights, spelling, positions, sequence };
}
