import { normalizeForMatching, words } from "./normalize.js";
import type { StarPart } from "./types.js";

export interface Sentence {
  index: number;
  /** Offsets into the original answer; `text` is exactly `answer.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** The same span after normalizeForMatching: what matchers read. */
  norm: string;
  /** A "Situation:" / "S:" heading that this sentence sits under. */
  heading: StarPart | null;
  bullet: boolean;
  /** Cut from a long run-on sentence that goes on in the next piece (see LONG_CHUNK_WORDS). */
  runOn: boolean;
  wordCount: number;
}

const HEADINGS: Record<string, StarPart> = {
  s: "situation",
  situation: "situation",
  context: "situation",
  background: "situation",
  // Cause/Challenge/Problem–Action–Result: the same story told as CAR or PAR.
  cause: "situation",
  challenge: "situation",
  problem: "situation",
  t: "task",
  task: "task",
  goal: "task",
  objective: "task",
  a: "action",
  action: "action",
  actions: "action",
  r: "result",
  result: "result",
  results: "result",
  outcome: "result",
  resolution: "result",
  impact: "result",
};

// "S:", "**Situation** -", "## Result", "Task)" at the start of a line. A bare single letter needs a colon.
const HEADING_WORDS =
  "situation|context|background|cause|challenge|problem|task|goal|objective|actions?|results?|resolution|outcome|impact";
/** "The Result:", "My actions:": a heading told with its article. */
const HEADING_ARTICLE = "(?:(?:the|my|our)[ \\t]+)?";
/**
 * Labels that name no one part, dropped so that the lines under them play whatever part they read as:
 * a story's summary ("Nugget:", "Summary:"), told before its parts, and two parts under one heading
 * ("Situation/Task:", "Action and Result:"). (Reading a summary as no part at all was tried:
 * cross-validated, it agreed less with interviewers' overall scores.)
 */
const UNPARTED_LINE = new RegExp(
  `^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*|__)?${HEADING_ARTICLE}(?:nugget|summary|overview|headline|in short|(?:${HEADING_WORDS})[ \\t]*(?:/|&|\\+|and)[ \\t]*(?:${HEADING_WORDS}))(?:\\*\\*|__)?[ \\t]*:(?:\\*\\*|__)?[ \\t]*`,
  "i",
);
const HEADING_LINE = new RegExp(
  `^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*|__)?(${HEADING_ARTICLE}(?:${HEADING_WORDS})|[star])(?:\\*\\*|__)?[ \\t]*(?:(:)|[-)][ \\t]|$)(?:\\*\\*|__)?[ \\t]*`,
  "i",
);
/**
 * A heading that opens a sentence inside a line ("…of stock. Task: I had to…", "… them. task - I was
 * asked…"): one-line answers carry their parts this way. With a colon or a spaced dash, and a single
 * letter only as a capital with a colon, so "a: …" and "A - …" are prose.
 */
const INLINE_HEADING = new RegExp(
  `^(?:\\*\\*|__)?(?:(${HEADING_ARTICLE}(?:${HEADING_WORDS}))(?:\\*\\*|__)?(?:[ \\t]*:|[ \\t]+[-\\u2013\\u2014][ \\t]+)|([STAR])(?:\\*\\*|__)?[ \\t]*:)(?:\\*\\*|__)?[ \\t]*`,
  "i",
);
/** The heading's own word, without its article: "The Result" → "result". */
const partWord = (label: string) => label.toLowerCase().replace(/^(?:the|my|our)\s+/, "");
const BULLET = /^[ \t]*(?:[-*\u2022\u00B7\u25AA\u25BA\u2023\u25E6>]|\d{1,2}[.)])[ \t]+/;
/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATION =
  /(?:^|[^\p{L}])(?:e\.g|i\.e|etc|vs|approx|appr|est|no|nos|mr|mrs|ms|dr|st|inc|ltd|co|corp|dept|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|u\.k|fig|min|hr|hrs|wk|wks|mo|yr|yrs|avg|qty|ref)\.$/iu;
const LONG_CHUNK_WORDS = 45;
// Linear time: a run of blanks is tried once, from its start (the look-behind), not again from every
// blank inside it, which made a long run of spaces quadratic.
const CLAUSE_BREAK =
  /[;,][ \t]+(?=(?:and[ \t]+)?(?:then|so|after that|next|finally|as a result|which|but)\b)|(?<![ \t])[ \t]+and[ \t]+then[ \t]+/gi;
/** A sentence end: tried only where a run of . ! ? starts, so a long run of them stays linear. */
const SENTENCE_END = /(?<![.!?])[.!?]+["')\]]*(?=\s)/g;

/** "(Result)" or "[Action]" after the text it names: the label comes last, as some people write it. */
const TRAILING_TAG = new RegExp(`^[([](${HEADING_WORDS})[)\\]][.:]?$`, "i");

/**
 * Gives the sentences before a trailing tag, back to the previous tag, the tag's part, and drops the
 * tag itself. Sentences under a heading of their own keep it.
 */
function applyTrailingTags(sentences: Sentence[]): Sentence[] {
  const tagOf = (s: Sentence) => {
    const m = TRAILING_TAG.exec(s.text.trim());
    return m?.[1] ? (HEADINGS[m[1].toLowerCase()] ?? null) : null;
  };
  if (!sentences.some((s) => tagOf(s) !== null)) return sentences;
  const out: Sentence[] = [];
  let from = 0;
  for (const s of sentences) {
    const tag = tagOf(s);
    if (!tag) {
      out.push(s);
      continue;
    }
    for (let k = from; k < out.length; k++) {
      const t = out[k] as Sentence;
      if (t.heading === null) out[k] = { ...t, heading: tag };
    }
    from = out.length;
  }
  return out.map((s, index) => ({ ...s, index }));
}

interface Span {
  start: number;
  end: number;
}

function trimSpan(norm: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /[\s"'*_#>]/.test(norm[start] ?? "")) start++;
  while (end > start && /[\s*_#]/.test(norm[end - 1] ?? "")) end--;
  return /[\p{L}\p{N}]/u.test(norm.slice(start, end)) ? { start, end } : null;
}

const CLOCK = /(?:^|[^\p{L}])[ap]\.m\.$/iu;

/** Splits at sentence ends: . ! ? followed by white space, unless the word before is an abbreviation. */
function splitSentences(norm: string, span: Span): Span[] {
  const out: Span[] = [];
  let from = span.start;
  const re = new RegExp(SENTENCE_END.source, "g");
  re.lastIndex = span.start;
  const text = norm.slice(0, span.end);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const stop = m.index + m[0].length;
    const before = text.slice(Math.max(from, m.index - 8), m.index + 1);
    if (m[0][0] === "." && m[0].length === 1 && ABBREVIATION.test(before)) continue;
    // "since 4 p.m. and set up…": a clock time ends a sentence only when a capital follows it.
    if (CLOCK.test(before) && /^\s+\p{Ll}/u.test(text.slice(stop, stop + 8))) continue;
    out.push({ start: from, end: stop });
    from = stop;
  }
  out.push({ start: from, end: span.end });
  return out;
}

/** Run-on text without punctuation: break long chunks at clause boundaries ("…, then", "and then"). */
function splitLong(norm: string, span: Span): Span[] {
  // About five characters a word: a chunk this short cannot hold LONG_CHUNK_WORDS words.
  if (
    span.end - span.start < LONG_CHUNK_WORDS * 4 ||
    words(norm.slice(span.start, span.end)).length <= LONG_CHUNK_WORDS
  ) {
    return [span];
  }
  const out: Span[] = [];
  let from = span.start;
  const chunk = norm.slice(0, span.end);
  const re = new RegExp(CLAUSE_BREAK.source, "gi");
  re.lastIndex = span.start;
  for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
    if (words(norm.slice(from, m.index)).length >= 6) {
      out.push({ start: from, end: m.index + (m[0].startsWith(";") || m[0].startsWith(",") ? 1 : 0) });
      from = m.index + m[0].length;
    }
  }
  out.push({ start: from, end: span.end });
  return out;
}

/**
 * Splits an answer into sentences, robust to bullet lists, line breaks, "S:/T:/A:/R:" headings and
 * missing punctuation. Every sentence keeps its offsets into the original answer.
 */
export function segment(answer: string): Sentence[] {
  const norm = normalizeForMatching(answer);
  const sentences: Sentence[] = [];
  let heading: StarPart | null = null;
  let lineStart = 0;
  for (const line of norm.split("\n")) {
    const lineEnd = lineStart + line.length;
    let start = lineStart;
    let bullet = false;
    const b = BULLET.exec(line);
    if (b) {
      bullet = true;
      start += b[0].length;
    }
    const unparted = UNPARTED_LINE.exec(norm.slice(start, lineEnd));
    const h = unparted ? null : HEADING_LINE.exec(norm.slice(start, lineEnd));
    if (h?.[1]) {
      const key = partWord(h[1]);
      const singleLetter = key.length === 1;
      if (!singleLetter || h[2] === ":") {
        heading = HEADINGS[key] ?? heading;
        start += h[0].length;
      }
    } else if (unparted) {
      heading = null;
      start += unparted[0].length;
    }
    const pieces = splitSentences(norm, { start, end: lineEnd }).flatMap((s) =>
      splitLong(norm, s).map((p, i, all) => ({ ...p, runOn: i < all.length - 1 })),
    );
    for (const [k, piece] of pieces.entries()) {
      let span = trimSpan(norm, piece);
      if (!span) continue;
      const found = k > 0 ? INLINE_HEADING.exec(norm.slice(span.start, span.end)) : null;
      // "…late. The result: we won." is a heading only in an answer already told under headings; in
      // prose it is a sentence that names its part.
      const inline =
        found?.[1] && heading === null && partWord(found[1]) !== found[1].toLowerCase() ? null : found;
      const key =
        (inline?.[1] ? partWord(inline[1]) : undefined) ??
        (inline?.[2] && /[STAR]/.test(inline[2]) ? inline[2].toLowerCase() : undefined);
      if (inline && key) {
        heading = HEADINGS[key] ?? heading;
        span = trimSpan(norm, { start: span.start + inline[0].length, end: span.end });
        if (!span) continue;
      }
      const text = answer.slice(span.start, span.end);
      const spanNorm = norm.slice(span.start, span.end);
      sentences.push({
        index: sentences.length,
        start: span.start,
        end: span.end,
        text,
        norm: spanNorm,
        heading,
        bullet,
        runOn: piece.runOn,
        wordCount: words(spanNorm).length,
      });
    }
    lineStart = lineEnd + 1;
  }
  return applyTrailingTags(sentences);
}
