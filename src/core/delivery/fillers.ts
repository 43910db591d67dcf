import { type Token, tokenize } from "../evidence/phrases.js";

/** A token of a transcript, with whether punctuation (a pause as written) separates it from the one before. */
interface Word extends Token {
  /** A comma, dash, colon, semicolon or sentence end (or the start of the text) before this word. */
  breakBefore: boolean;
}

const WORDLIKE = /^[\p{L}\p{N}]/u;
const BREAK = /[,;:.!?\u2014\u2013…]|\s-\s|^$/;

export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let last = 0;
  for (const t of tokenize(text)) {
    if (!WORDLIKE.test(t.word)) continue;
    const gap = text.slice(last, t.start);
    out.push({ ...t, breakBefore: out.length === 0 || BREAK.test(gap.trim() === "" ? " " : gap) });
    last = t.end;
  }
  return out;
}

const breakAfter = (words: readonly Word[], i: number) => words[i + 1]?.breakBefore ?? true;

/**
 * Words after which "like" is a verb or a preposition ("I'd like", "looks like", "something like"),
 * never a filler, unless a pause (punctuation) stands between them.
 */
const LIKE_TAKERS = new Set(
  (
    "would i'd we'd you'd they'd he'd she'd i we you they he she don't didn't doesn't not never to really also " +
    "feel feels felt feeling look looks looked looking seem seems seemed sound sounds sounded something " +
    "anything nothing everything things just more less much exactly what kind sort"
  ).split(" "),
);
const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split(
    " ",
  ),
);
/** A hesitation right after "like" makes it a filler: "like, um", "like you know". */
const HESITATIONS = new Set(["um", "umm", "uh", "uhh", "uhm", "er", "erm", "like"]);

/**
 * Whether the "like" at `i` is a filler: set off by pauses ("so, like, we"), before a hesitation
 * ("like um"), or before an approximate figure ("like 40 orders"); never straight after a word that
 * takes it as a verb or preposition ("I'd like", "looks like", "a tool like the WMS").
 */
function likeIsFiller(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  const prev = words[i - 1];
  const next = words[i + 1];
  const taken = !w.breakBefore && prev !== undefined && LIKE_TAKERS.has(prev.word);
  if (taken) return false;
  if (w.breakBefore && breakAfter(words, i)) return true;
  if (next && !next.breakBefore && HESITATIONS.has(next.word)) return true;
  if (breakAfter(words, i) && prev !== undefined) return true;
  if (next && !next.breakBefore) {
    const after = words[i + 2];
    const figure = /^\d/.test(next.word) || NUMBER_WORDS.has(next.word);
    const aFigure =
      next.word === "a" &&
      after !== undefined &&
      !after.breakBefore &&
      /^(?:\d|hundred|thousand|dozen|half|third|quarter)/.test(after.word);
    return figure || aFigure;
  }
  return false;
}

/** Determiners before "kind of"/"sort of" that make it a noun ("what kind of report"), not a filler. */
const KIND_DETERMINERS = new Set(
  "what this that the a any some every each which one same these those no other another".split(" "),
);
/** "if you know the SKU", "do you know": "you know" as a verb. */
const KNOW_AS_VERB = new Set("if do did don't didn't as what whether so".split(" "));

function phraseIsFiller(words: readonly Word[], i: number, phrase: string): boolean {
  const prev = words[i - 1];
  const w = words[i];
  if (!w || !prev || w.breakBefore) return true;
  if (phrase === "kind of" || phrase === "sort of") return !KIND_DETERMINERS.has(prev.word);
  if (phrase === "you know") return !KNOW_AS_VERB.has(prev.word);
  return true;
}

/** Whether `pattern` (lexicon phrase syntax: words, a trailing * on a word) matches the words at `i`. */
function matchesAt(words: readonly Word[], i: number, pattern: readonly string[]): boolean {
  return pattern.every((p, k) => {
    const w = words[i + k];
    // A phrase is said in one breath: "you, know" is not "you know".
    if (!w || (k > 0 && w.breakBefore)) return false;
    return p.endsWith("*") ? w.word.startsWith(p.slice(0, -1)) : w.word === p;
  });
}

export interface PhraseCount {
  phrase: string;
  count: number;
  /** The index of the first word of its first use. */
  first: number;
}

/**
 * Counts the uses of each phrase (longest first at each word, never overlapping, never a word twice),
 * with "like" and the ambiguous fillers counted only where they are fillers when `fillerRules` is set.
 */
export function countPhrases(
  words: readonly Word[],
  phrases: readonly string[],
  options: { fillerRules: boolean; likeAsFiller: boolean },
): PhraseCount[] {
  const patterns = [...new Set(phrases)]
    .map((p) => ({ phrase: p, words: p.split(/\s+/) }))
    .sort((a, b) => b.words.length - a.words.length);
  const counts = new Map<string, PhraseCount>();
  const add = (phrase: string, at: number) => {
    const c = counts.get(phrase);
    if (c) c.count++;
    else counts.set(phrase, { phrase, count: 1, first: at });
  };
  for (let i = 0; i < words.length; ) {
    const hit = patterns.find(
      (p) => matchesAt(words, i, p.words) && (!options.fillerRules || phraseIsFiller(words, i, p.phrase)),
    );
    if (hit) {
      add(hit.phrase, i);
      i += hit.words.length;
      continue;
    }
    if (options.likeAsFiller && words[i]?.word === "like" && likeIsFiller(words, i)) add("like", i);
    i++;
  }
  return [...counts.values()];
}
