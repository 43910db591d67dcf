import { stem } from "../evidence/relevance.js";
import type { StoryFeatures } from "./features.js";
import { tokenize } from "./tokens.js";

/** A keyword's words, stemmed as features.ts stems a story's ("lockout/tagout": lockout, tagout). */
const keywordStems = (keyword: string): string[] =>
  tokenize(keyword)
    .filter((t) => !t.figure)
    .map((t) => stem(t.text));

/** Whether the words stand in this order, side by side, in the story. */
function hasPhrase(features: StoryFeatures, stems: readonly string[]): boolean {
  const [first, ...rest] = stems;
  if (first === undefined || !stems.some((s) => s.length >= 3)) return false;
  return (features.positions.get(first) ?? []).some((at) =>
    rest.every((s, k) => features.sequence[at + 1 + k] === s),
  );
}

/**
 * The keywords, as the vocabulary spells them, that the story uses: one spelling of each ("hazard", not
 * also "hazards"), and none that only repeats part of a longer one found ("budget" beside "labor budget").
 */
export function keywordsIn(features: StoryFeatures, keywords: readonly string[]): string[] {
  const found = new Map<string, string>();
  for (const k of keywords) {
    const stems = keywordStems(k);
    const key = stems.join(" ");
    if (!found.has(key) && hasPhrase(features, stems)) found.set(key, k);
  }
  const keys = [...found.keys()];
  return [...found]
    .filter(([key]) => !keys.some((other) => other !== key && ` ${other} `.includes(` ${key} `)))
    .map(([, k]) => k);
}
