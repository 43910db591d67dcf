import type { Competency } from "../questions/schema.js";
import type { PostingVocab } from "./schema.js";
import { compileStems, type StemHit, type StemIndex, scanStems } from "./stem-scan.js";

export interface RankedCompetency {
  id: string;
  /** The competency's share of the posting's competency words, 0 to 1. */
  weight: number;
  /** The posting's own words that showed it, most used first. */
  evidence: string[];
}

/** A repeated word counts a quarter, up to twice the distinct words: repeats show emphasis, not breadth. */
const REPEAT_WEIGHT = 0.25;
const MAX_EVIDENCE = 6;

/** Not a competency id (those are kebab-case): the list of phrases that count for none. */
const NEUTRAL = "(neutral)";

const compiled = new WeakMap<readonly Competency[], WeakMap<PostingVocab, StemIndex>>();

function indexFor(competencies: readonly Competency[], vocab: PostingVocab): StemIndex {
  let byVocab = compiled.get(competencies);
  if (!byVocab) {
    byVocab = new WeakMap();
    compiled.set(competencies, byVocab);
  }
  let index = byVocab.get(vocab);
  if (!index) {
    index = compileStems([
      ...competencies.map((c) => [c.id, [...c.keywords, ...(vocab.competency_words[c.id] ?? [])]] as const),
      [NEUTRAL, vocab.neutral_phrases],
    ]);
    byVocab.set(vocab, index);
  }
  return index;
}

function score(hits: ReadonlyArray<{ count: number }>): number {
  const repeats = hits.reduce((n, h) => n + h.count - 1, 0);
  return hits.length + REPEAT_WEIGHT * Math.min(repeats, 2 * hits.length);
}

/** The words to show: most used first, without one that is part of another shown ("lean" in "lean six sigma"). */
function evidence(hits: ReadonlyArray<StemHit & { count: number }>): string[] {
  const keys = hits.map((h) => ` ${h.key} `);
  const inLonger = (key: string) => keys.some((k) => k.length > key.length && k.includes(key));
  const kept = hits.filter((_, i) => !inLonger(keys[i] as string));
  const sorted = [...kept].sort((a, b) => b.count - a.count);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const h of sorted) {
    const text = h.text.replace(/\s+/g, " ");
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

/** The bank's competencies a posting asks for, strongest first; those it never mentions are left out. */
export function rankCompetencies(
  text: string,
  competencies: readonly Competency[],
  vocab: PostingVocab,
): RankedCompetency[] {
  const found = scanStems(text, indexFor(competencies, vocab));
  const scored = competencies
    .map((c, order) => {
      const hits = found.get(c.id) ?? [];
      return { id: c.id, order, score: score(hits), hits };
    })
    .filter((c) => c.hits.length > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const total = scored.reduce((n, c) => n + c.score, 0);
  return scored.map((c) => ({
    id: c.id,
    weight: Math.round((c.score / total) * 100) / 100,
    evidence: evidence(c.hits),
  }));
}

/** How many distinct competency words a posting uses in all: too few, and it is not about operations. */
export const distinctWords = (ranked: readonly RankedCompetency[]): number =>
  ranked.reduce((n, c) => n + c.evidence.length, 0);
