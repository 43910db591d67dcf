import type { Lexicon } from "../lexicon/schema.js";
import { CALENDAR, COMMON, COMPANY_SUFFIXES, CUES, FUNCTION_WORDS } from "./mask-words.js";

export interface MaskResult {
  text: string;
  names: number;
  figures: number;
  links: number;
}

type Kind = "name" | "figure" | "link";
interface Range {
  start: number;
  end: number;
}
interface Span extends Range {
  kind: Kind;
}
/** A word of the text, or (word null) a barrier: a link, a kept term or a figure. */
interface Item {
  start: number;
  end: number;
  word: string | null;
}

const ABBREVIATION = /(?:^|[^\p{L}])(?:e\.g|i\.e|vs|approx|incl|mr|mrs|ms|dr|prof|st)$/iu;

const URL_END = String.raw`[^\s<>"]*[^\s<>".,;:!?)\]}'’]`;
const LINKS: ReadonlyArray<readonly [RegExp, Kind]> = [
  [/<(?:@[!&]?|#)\d+>/g, "name"], // Discord mentions
  [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, "link"],
  [new RegExp(String.raw`\b(?:[a-z][a-z\d+.-]{0,19}://|www\.)${URL_END}`, "giu"), "link"],
  [
    new RegExp(
      String.raw`\b(?:[a-z\d-]{1,63}\.){1,4}(?:com|org|net|io|biz|info|gov|edu|(?:co|com)\.[a-z]{2})\b(?:/${URL_END})?`,
      "giu",
    ),
    "link",
  ],
];
/** A number with its currency sign and suffix ("$40K", "98%", "12,000"), or a word with digits in it ("Q3"). */
const FIGURE =
  /(?:[$€£¥][^\S\n]?)?(?<![\p{L}\p{N}])[\p{L}\p{N}]*\p{Nd}(?:[\p{L}\p{N}]|[.,](?=\p{Nd}))*(?:[^\S\n]?%)?/gu;
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/gu;
const REPLACEMENT: Record<Kind, string> = { name: "[name]", figure: "[figure]", link: "[link]" };

/**
 * Hides what could identify an employer or its numbers before an answer is shown to a group.
 *
 * - Links: emails, URLs, bare domains (acme.com) → "[link]".
 * - Figures: every number with its currency sign and suffix ("$40K", "98%", "1,200"), and any word with a
 *   digit in it ("Q3", "3PL") → "[figure]". Only keep terms may keep digits ("5S", "8D", "80/20").
 * - Names → "[name]": a capitalised word, or a run of them joined by spaces, "&" or "of" ("Procter & Gamble",
 *   "Bank of America"), and Discord mentions. Not names: "I" and its contractions, weekdays and months,
 *   words capitalised only because a sentence starts with them ("The", "After"), keep terms, lone letters,
 *   and runs made only of COMMON words ("DC", "CEO", "Operations Manager"), unless right after at, for,
 *   with or joined. A run with any other word is a name ("Columbus DC"). The first word of a sentence, line
 *   or bullet can't be told from a name, so it stays, unless it starts a run of two or more ("Acme Foods
 *   had…") or takes a company suffix ("Globex Inc", "Initech, LLC").
 *
 * Masking its own output changes nothing. The counts say how many replacements of each kind were made.
 */
export function maskAnswer(text: string, keep: readonly string[]): MaskResult {
  const links: Span[] = [];
  for (const [re, kind] of LINKS)
    for (const r of matches(re, text)) if (!overlaps(r, links)) links.push({ ...r, kind });
  const keepRe = keepPattern(keep);
  const kept: Range[] = keepRe ? matches(keepRe, text).filter((s) => !overlaps(s, links)) : [];
  const figures = inGaps(text, [...links, ...kept], (gap, offset) =>
    matches(FIGURE, gap).map((r) => ({
      start: r.start + offset,
      end: r.end + offset,
      kind: "figure" as const,
    })),
  );
  const barriers = [...links, ...kept, ...figures];
  const words = inGaps(text, barriers, (gap, offset) =>
    [...gap.matchAll(WORD)].map((m) => ({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      word: m[0],
    })),
  );
  const items: Item[] = [...words, ...barriers.map((b) => ({ start: b.start, end: b.end, word: null }))];
  items.sort((a, b) => a.start - b.start);
  const names = findNames(text, items);
  return render(text, [...links, ...figures, ...names]);
}

/** Method, tool and framework terms from the lexicon that masking must leave alone (Lean, DMAIC, 5S, SAP, ERP…). */
export function keepTerms(lexicon: Lexicon): string[] {
  const terms = lexicon.methods.flatMap((m) => {
    const name = m.name.toLowerCase();
    return [name, ...name.split(/ (?:and|or) /), ...m.patterns];
  });
  return [...new Set(terms)];
}

function findNames(text: string, items: readonly Item[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < items.length; ) {
    const first = items[i];
    if (!first || !isCandidate(first)) {
      i++;
      continue;
    }
    const run = [first];
    let j = i + 1;
    for (;;) {
      const last = run[run.length - 1] as Item;
      const next = items[j];
      if (!next || /['’]s$/i.test(last.word ?? "")) break;
      const gap = text.slice(last.end, next.start);
      const after = items[j + 1];
      if (isCandidate(next) && /^[^\S\n]*&?[^\S\n]*$/.test(gap)) run.push(next);
      else if (isSuffix(next) && /^,?[^\S\n]+$/.test(gap)) run.push(next);
      else if (next.word?.toLowerCase() === "of" && after && isCandidate(after) && isSpace(gap)) {
        if (!isSpace(text.slice(next.end, after.start))) break;
        run.push(after);
        j++;
      } else break;
      j++;
    }
    const words = run.map((w) => bare(w.word ?? ""));
    const prev = items[i - 1];
    const cue = CUES.has(prev?.word?.toLowerCase() ?? "") && isSpace(text.slice(prev?.end, first.start));
    const common = words.every((w) => COMMON.has(w) || COMPANY_SUFFIXES.has(w));
    const letters = words.every((w) => w.length === 1);
    if (!letters && (cue || !common) && (run.length >= 2 || !isInitial(text, items, i))) {
      const end = run[run.length - 1] as Item;
      const possessive = /['’]s$/i.exec(end.word ?? "");
      spans.push({ start: first.start, end: end.end - (possessive ? 2 : 0), kind: "name" });
    }
    i = j;
  }
  return spans;
}

function isCandidate(item: Item): boolean {
  if (item.word === null || !/^[\p{Lu}\p{Lt}]/u.test(item.word)) return false;
  const w = bare(item.word);
  return !FUNCTION_WORDS.has(w) && !CALENDAR.has(w);
}

const isSuffix = (item: Item) => item.word !== null && COMPANY_SUFFIXES.has(item.word.toLowerCase());
const bare = (word: string) => word.toLowerCase().replace(/’/g, "'").replace(/'s$/, "");

const isSpace = (gap: string) => /^[^\S\n]+$/.test(gap);

/** Whether the item opens a sentence, a line or a numbered point ("1) ", "a. "). */
function isInitial(text: string, items: readonly Item[], i: number): boolean {
  const prev = items[i - 1];
  const item = items[i];
  if (!prev || !item) return true;
  const gap = text.slice(prev.end, item.start);
  if (gap.includes("\n")) return true;
  const stop = /[.!?…:]/.exec(gap);
  if (stop)
    return !(
      stop.index === 0 &&
      stop[0] === "." &&
      ABBREVIATION.test(text.slice(Math.max(0, prev.end - 8), prev.end))
    );
  if (!/^\]?\)[^\S\n]/.test(gap)) return false;
  return /^[^\S\n]*\[?$/.test(text.slice(text.lastIndexOf("\n", prev.start - 1) + 1, prev.start));
}

function matches(re: RegExp, text: string): Range[] {
  return [...text.matchAll(re)]
    .filter((m) => m[0].length > 0)
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const overlaps = (r: Range, others: readonly Range[]) =>
  others.some((o) => r.start < o.end && o.start < r.end);

/** Applies `find` to the stretches of text between the given spans. */
function inGaps<T>(text: string, spans: readonly Range[], find: (gap: string, offset: number) => T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: T[] = [];
  let at = 0;
  for (const s of [...sorted, { start: text.length, end: text.length }]) {
    if (s.start > at) out.push(...find(text.slice(at, s.start), at));
    at = Math.max(at, s.end);
  }
  return out;
}

function render(text: string, spans: Span[]): MaskResult {
  const result: MaskResult = { text: "", names: 0, figures: 0, links: 0 };
  let at = 0;
  for (const s of spans.sort((a, b) => a.start - b.start)) {
    result.text += text.slice(at, s.start) + REPLACEMENT[s.kind];
    result[s.kind === "name" ? "names" : s.kind === "figure" ? "figures" : "links"]++;
    at = s.end;
  }
  result.text += text.slice(at);
  return result;
}

const compiled = new WeakMap<readonly string[], RegExp | null>();

/**
 * One pattern for all keep terms: case-insensitive, whole words, any white space between words;
 * a * matches any letters ("kanban*": "kanbans").
 */
function keepPattern(keep: readonly string[]): RegExp | null {
  const cached = compiled.get(keep);
  if (cached !== undefined) return cached;
  const alternatives = keep
    .map((t) => t.trim().toLowerCase())
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .sort((a, b) => b.length - a.length)
    .map((t) =>
      t
        .split(/\s+/)
        .map((w) => w.split("*").map(escapeRegExp).join(String.raw`\p{L}*`))
        .join(String.raw`\s+`),
    );
  const re = alternatives.length
    ? new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join("|")})(?![\p{L}\p{N}])`, "giu")
    : null;
  compiled.set(keep, re);
  return re;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
