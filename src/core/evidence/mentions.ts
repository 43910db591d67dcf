import type { CompiledLexicon } from "./compiled-lexicon.js";
import { digitMentions } from "./digit-mentions.js";
import type { Mention } from "./mention.js";
import { hedgeSpans, markContext, markMetrics } from "./mention-context.js";
import { markLabels } from "./mention-labels.js";
import { mergeRanges } from "./mention-ranges.js";
import { Reader } from "./mention-reader.js";
import type { Scan } from "./phrases.js";
import { wordMentions } from "./word-mentions.js";

/**
 * Every number in a sentence, in order: digits and words, with units, ranges, estimates, guesses, names
 * (labels), changes and metrics marked. Linear in the length of the sentence: one pass for digits, one
 * over the words, and constant work around each number.
 */
export function readMentions(text: string, scan: Scan, lex?: CompiledLexicon): Mention[] {
  return readNumbers(text, scan, lex).mentions;
}

/** The mentions of a sentence and the reader that found them, for the pair reader in quantities.ts. */
export function readNumbers(
  text: string,
  scan: Scan,
  lex?: CompiledLexicon,
): { mentions: Mention[]; reader: MentionReader } {
  const r = new Reader(text, scan, lex);
  const digits = digitMentions(r);
  let hint = 0;
  for (const m of digits) {
    m.first = r.tokenFrom(m.start, hint);
    m.last = r.tokenFrom(m.end, m.first);
    hint = m.first;
  }
  const words = wordMentions(r, digits);
  const all: Mention[] = [];
  let i = 0;
  let j = 0;
  while (i < digits.length || j < words.length) {
    const a = digits[i];
    const b = words[j];
    if (a && (!b || a.start <= b.start)) {
      all.push(a);
      i++;
    } else if (b) {
      all.push(b);
      j++;
    }
  }
  for (const m of all) markLabels(r, m);
  const merged = mergeRanges(r, all);
  const hedges = hedgeSpans(r);
  const hedgeIndex = { i: 0 };
  for (const m of merged) if (m.label === null) markContext(r, m, hedges, hedgeIndex);
  markMetrics(r, merged);
  return { mentions: merged, reader: r };
}

export type MentionReader = Reader;
