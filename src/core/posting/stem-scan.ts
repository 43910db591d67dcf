import { stem } from "../evidence/relevance.js";

/** A phrase found in a text: which one (its stems) and the text's own words for it. */
export interface StemHit {
  key: string;
  text: string;
}

interface Entry {
  list: string;
  key: string;
  stems: string[];
}

/** Phrases of several lists, stemmed and filed under their first stem: one pass over a text finds them all. */
export interface StemIndex {
  byFirst: Map<string, Entry[]>;
}

// As the question bank's keywords are matched (evidence/topic.ts): "-" and "'" split words, "&" and "/" do not.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}&/]*/gu;

interface Word {
  stem: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  // The same length, so a match's offsets are the original text's.
  for (const m of text
    .toLowerCase()
    .replace(/[-'\u2019]/g, " ")
    .matchAll(WORD))
    out.push({ stem: stem(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

export function compileStems(lists: ReadonlyArray<readonly [string, readonly string[]]>): StemIndex {
  const byFirst = new Map<string, Entry[]>();
  for (const [list, phrases] of lists) {
    for (const phrase of phrases) {
      const stems = words(phrase).map((w) => w.stem);
      const first = stems[0];
      if (first === undefined) continue;
      const entry = { list, key: stems.join(" "), stems };
      const bucket = byFirst.get(first);
      if (bucket) bucket.push(entry);
      else byFirst.set(first, [entry]);
    }
  }
  return { byFirst };
}

interface Match {
  entry: Entry;
  start: number;
  /** One past the last word. */
  end: number;
}

/** Every match, leftmost first and longest first at each word. */
function matches(ws: readonly Word[], index: StemIndex): Match[] {
  const out: Match[] = [];
  ws.forEach((w, i) => {
    const here: Match[] = [];
    for (const entry of index.byFirst.get(w.stem) ?? [])
      if (entry.stems.every((s, j) => ws[i + j]?.stem === s))
        here.push({ entry, start: i, end: i + entry.stems.length });
    out.push(...here.sort((a, b) => b.end - a.end));
  });
  return out;
}

/**
 * Each list's phrases found in the text, each phrase once (its first occurrence), with how often each was
 * used. A match inside a longer one is not counted: "safety stock" is an inventory phrase, not safety.
 * Linear in the text's length for a given index.
 */
export function scanStems(text: string, index: StemIndex): Map<string, Array<StemHit & { count: number }>> {
  const ws = words(text);
  const out = new Map<string, Array<StemHit & { count: number }>>();
  const seen = new Map<string, StemHit & { count: number }>();
  // How far the matches that started earlier reach, and how far the longest at this word does.
  let reach = 0;
  let at = -1;
  let longestHere = 0;
  let reachBefore = 0;
  for (const m of matches(ws, index)) {
    if (m.start !== at) {
      reachBefore = reach;
      at = m.start;
      longestHere = m.end;
    }
    reach = Math.max(reach, m.end);
    if (reachBefore >= m.end || longestHere > m.end) continue;
    const id = `${m.entry.list}\u0000${m.entry.key}`;
    const known = seen.get(id);
    if (known) {
      known.count++;
      continue;
    }
    const first = ws[m.start] as Word;
    const last = ws[m.end - 1] as Word;
    const hit = { key: m.entry.key, text: text.slice(first.start, last.end), count: 1 };
    seen.set(id, hit);
    const list = out.get(m.entry.list);
    if (list) list.push(hit);
    else out.set(m.entry.list, [hit]);
  }
  return out;
}
