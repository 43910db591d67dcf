import type { CompiledLexicon } from "./compiled-lexicon.js";
import type { SentenceFeatures } from "./features.js";

/**
 * The answer's own words for a lexicon list in some of its sentences ("root cause", "Pilot"), as
 * written, each once (ignoring case), in order: what feedback may say the answer names.
 */
export function saidFor(
  sentences: readonly SentenceFeatures[],
  indices: readonly number[],
  lex: CompiledLexicon,
  list: string,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const i of indices) {
    const s = sentences[i];
    if (!s) continue;
    for (const h of lex.index.scan(s.sentence.norm).hits(list)) {
      const words = s.sentence.text.slice(h.start, h.end);
      const key = words.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(words);
    }
  }
  return out;
}
