import { type CompiledLexicon, type UnitKind, unitList } from "./compiled-lexicon.js";
import { findNumber, type NumberMatch, readWordNumber, startsWordNumber, TIMES_WORDS } from "./numbers.js";
import type { PhraseHit, Scan, Token } from "./phrases.js";
import type { Quantity, QuantityKind } from "./quantities.js";

/** Why a number is a name and not an amount: "line 2", "2019", "3rd", "5 pm", "March 3", "5S". */
export type LabelKind = "year" | "name" | "ordinal" | "time" | "date" | "code";
export type Direction = "down" | "up";
/** What a sum of money is: an amount saved, or a budget it was saved from. */
export type MoneyPurpose = "saving" | "budget";

/** A metric term near a figure ("lead time", "on-time"), with its offsets in the sentence. */
export interface MetricRef {
  name: string;
  start: number;
  end: number;
}

/**
 * A number in a sentence, written in digits or words, with what the words around it say of it. It is
 * a Quantity (one object per number: quantities are the mentions that measure something).
 */
export interface Mention extends Quantity {
  /** Set when the mention is returned as a quantity: the words as written in the answer. */
  text: string;
  /** A range ("12-15 days", "between 3 and 4 hours"): its ends; `value` is the middle. */
  range: { low: number; high: number } | null;
  percent: boolean;
  money: boolean;
  kind: QuantityKind;
  /** The unit, singular and spelled out ("hour", "pallet", "sprint"); null for %, money and bare numbers. */
  unit: string | null;
  /** The unit of a rate: "week" in "fifteen a week", "month" in "$9,000 a month". */
  per: string | null;
  /** Written in words ("fifteen", "a dozen", "two thirds"). */
  words: boolean;
  /** A number in words with no unit ("now two"): only the end of a before→after pair. */
  bare: boolean;
  /** "about 15", "~15", "roughly", "15 or so", a range. */
  approx: boolean;
  /** A guess: a number hedge just before or after it ("maybe like 20 percent", "5 hours, I guess"). */
  hedged: boolean;
  label: LabelKind | null;
  yearLike: boolean;
  /** "within three months": when, not how much. */
  timeFrame: boolean;
  /** A change rather than a level: "by 30%", "a 25% cut", "fell 30%", "saved $60,000". */
  delta: boolean;
  /** A change the answer claims in the way the grader has always read one ("by 30%", "a 25% cut"). */
  claim: boolean;
  direction: Direction | null;
  /** Where a claim starts: "by" in "by 30%", else the number. */
  anchor: number;
  purpose: MoneyPurpose | null;
  /** "120% of target": measured against something else, not a level of its own. */
  relative: boolean;
  /** The nearest metric term in the clause, and up to three metric names near it. */
  metric: MetricRef | null;
  metrics: string[];
  /** One end of a before→after pair in its sentence (set by the pair reader). */
  paired: boolean;
  /** Tokens: the first at or after `start`, and the first at or after `end`. */
  first: number;
  last: number;
}

interface UnitHit {
  kind: UnitKind;
  start: number;
  end: number;
  text: string;
  /** For a rate read through a word ("a dozen stockouts a month"): that word. */
  counted?: string;
}

const LETTER = /\p{L}/u;
const VERB_ENDING = /\p{L}{3}ed$/iu;
const DIGIT = /\d/;
const CLAUSE_CHARS = new Set([".", ";", ":", "!", "?", "(", ")", "[", "]"]);
const CLAUSE_END = /^\s*(?:$|[,.;:!?)\]-])/;
const TIME_FRAME_BEFORE =
  /(?:within|after|over|for|during|every|each|past|next|last|first|in the)\s+(?:the\s+|a\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$/i;
const TIME_FRAME_AFTER =
  /^\s*(?:later|afterwards|after|in|into|of (?:the )?(?:project|pilot|rollout|trial))\b/i;
/** Words looked at around a number are never further than this. */
const NEAR = 40;
const METRIC_BEFORE = 80;
/** A metric after a figure belongs to it only right after it: "95% accuracy", "$9,000 in overtime". */
const METRIC_AFTER = 12;
const HEDGE_GAP = 2;
/**
 * The most numbers read in one sentence. A sentence of more is a list of numbers, not a story (the
 * salad check gives it nothing); the bound keeps the time per sentence small whatever is pasted in.
 */
export const MAX_MENTIONS = 4_000;

// Grammar words, not vocabulary: how English marks an estimate, a change, a name or a date.
const APPROX_WORDS = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "nearly",
  "almost",
  "some",
  "circa",
  "ca",
  "like",
  "over",
  "under",
  "below",
  "above",
]);
const APPROX_PAIRS = new Set([
  "more than",
  "less than",
  "fewer than",
  "close to",
  "upwards of",
  "north of",
  "well over",
  "well under",
  "just over",
  "just under",
]);
/** Skipped between a connective and its number: "to about 15", "from just under 20". */
const QUALIFIERS = new Set([...APPROX_WORDS, "just", "only", "barely", "roughly", "approximately"]);
const APPROX_AFTER = /(?:-?ish\b|\+|\s+(?:or so|odd|plus|give or take)\b)/y;
const AM_PM = /\s*[ap]\.m\b/iy;
const NO_METRICS: string[] = [];
const APPROX_SIGNS = new Set(["~", "≈", "<", ">", "≤", "≥"]);
/** Second words of the two-word estimates: "more than", "close to", "upwards of", "just over". */
const PAIR_ENDS = new Set(["than", "to", "of", "over", "under"]);

/** Whether a sticky regex matches at an offset, without copying the text. */
function sticky(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}
const CHANGE_NOUNS = new Map<string, Direction | null>([
  ["reduction", "down"],
  ["decrease", "down"],
  ["drop", "down"],
  ["cut", "down"],
  ["decline", "down"],
  ["fall", "down"],
  ["lower", "down"],
  ["fewer", "down"],
  ["less", "down"],
  ["shorter", "down"],
  ["faster", null],
  ["saving", "down"],
  ["savings", "down"],
  ["improvement", "up"],
  ["increase", "up"],
  ["gain", "up"],
  ["rise", "up"],
  ["jump", "up"],
  ["more", "up"],
  ["higher", "up"],
  ["better", "up"],
  ["uplift", "up"],
  ["boost", "up"],
  ["lift", "up"],
]);
const DOWN_STEMS = [
  "reduc",
  "cut",
  "drop",
  "fell",
  "fall",
  "decreas",
  "lower",
  "shrank",
  "shrunk",
  "halv",
  "declin",
  "slash",
  "shav",
  "trim",
  "eliminat",
  "sav",
  "down",
];
const UP_STEMS = [
  "rose",
  "risen",
  "ris",
  "increas",
  "improv",
  "grew",
  "grow",
  "doubl",
  "tripl",
  "boost",
  "rais",
];
/** Words before "up" or "down" that make them a change: "was down 30%", "went up 12%", ", down 5%". */
const UP_DOWN_AFTER = new Set([
  "",
  "was",
  "were",
  "is",
  "are",
  "been",
  "be",
  "went",
  "came",
  "it's",
  "now",
  "and",
  "both",
  "all",
]);
/** Verbs that report a level reached, not a change: "hit 98%", "reached 95%". */
const LEVEL_STEMS = ["reach", "hit", "achiev", "exceed", "beat", "met", "deliver", "recover"];
/** Words that may sit between a number and its unit: "7 business days", "40 fastest SKUs". Not these. */
const NOT_BETWEEN = new Set(
  "to and or of the a an per from by in on at than for with into was were is are be been has have had it its this that these those we i our my their they he she you not no but so as after before over under down up vs versus between more less fewer".split(
    " ",
  ),
);
const YEAR_BEFORE = new Set([
  "in",
  "since",
  "by",
  "during",
  "until",
  "till",
  "through",
  "from",
  "of",
  "fy",
  "early",
  "late",
  "mid",
  "year",
  "summer",
  "spring",
  "autumn",
  "fall",
  "winter",
]);
const MONTHS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);
const NOT_ONE_BEFORE = new Set([
  "no",
  "the",
  "this",
  "that",
  "each",
  "every",
  "any",
  "which",
  "another",
  "only",
]);
const NOT_ONE_AFTER = new Set(["of", "another", "thing", "way", "who", "that", "which"]);
const NOT_HALF_BEFORE = new Set(["first", "second", "other", "back", "front", "latter", "last", "the", "in"]);
const SHARE_AFTER = new Set(["of", "the", "our", "my", "their", "its", "all", "his", "her"]);
const NOT_BUDGET = new Set(["project", "capital", "capex", "investment", "implementation", "pilot"]);
const RATE_PREFIX = /^(?:per|an|a|\/)\s*/;
const ABBREVIATIONS: Record<string, string> = {
  h: "hour",
  hr: "hour",
  hrs: "hour",
  min: "minute",
  mins: "minute",
  sec: "second",
  secs: "second",
  wk: "week",
  wks: "week",
  yr: "year",
  yrs: "year",
  people: "person",
  staff: "person",
  uph: "unit",
};

// Unit and metric words repeat: normalise each spelling once (bounded, like the phrase index's cache).
const MAX_CACHED = 2000;
const unitCache = new Map<string, string>();
const metricCache = new Map<string, string>();

const stemIn = (word: string, stems: readonly string[]) => stems.some((s) => word.startsWith(s));

export function directionOf(phrase: string): Direction | null {
  // "fell", "were down", "went up": the first word that tells a direction.
  for (const w of phrase.toLowerCase().split(" ")) {
    if (stemIn(w, DOWN_STEMS)) return "down";
    if (stemIn(w, UP_STEMS) || w === "up") return "up";
  }
  return null;
}

/** "Pallets" → "pallet", "hrs" → "hour", "per shift" → "shift", "percentage points" → "pp". */
export function normalizeUnit(raw: string): string {
  const known = unitCache.get(raw);
  if (known !== undefined) return known;
  let w = raw.toLowerCase().replace(RATE_PREFIX, "").replace(/\s+/g, " ").trim();
  if (w === "%" || w === "percent" || w === "per cent") w = "%";
  else if (w.startsWith("percentage point") || w === "pp" || w === "pts") w = "pp";
  else {
    w = ABBREVIATIONS[w] ?? w;
    if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
    w = ABBREVIATIONS[w] ?? w;
  }
  if (unitCache.size >= MAX_CACHED) unitCache.clear();
  unitCache.set(raw, w);
  return w;
}

/** "On-time" and "on time", "lead times" and "lead time" are one metric. */
export function normalizeMetric(raw: string): string {
  const known = metricCache.get(raw);
  if (known !== undefined) return known;
  let w = raw.toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ").trim();
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (metricCache.size >= MAX_CACHED) metricCache.clear();
  metricCache.set(raw, w);
  return w;
}

/** The unit kind of one word, for units glued to a number ("24h") or joined by a hyphen ("14-hour"). */
function unitKindOfWord(lex: CompiledLexicon | undefined, word: string): UnitKind | null {
  if (!lex || word.length === 0) return null;
  for (const kind of ["duration", "count", "money", "percent", "ratio"] as const)
    if (lex.index.wordIn(word, unitList(kind))) return kind;
  return null;
}

export class Reader {
  readonly tokens: readonly Token[];
  /** Unit hits by the offset where they start, rates first. */
  private readonly units = new Map<number, UnitHit>();
  /** Duration and count units by start: a singular one just before a number makes it a name ("line 2"). */
  private readonly nouns = new Map<number, UnitHit>();
  private readonly resultVerbs: readonly PhraseHit[];
  private readonly verbEnds = new Map<number, PhraseHit>();
  private readonly pastEnds = new Set<number>();

  constructor(
    readonly text: string,
    readonly scan: Scan,
    readonly lex: CompiledLexicon | undefined,
  ) {
    this.tokens = scan.tokens;
    for (const kind of ["rate", "duration", "count", "ratio", "percent", "money"] as const) {
      for (const hit of scan.hits(unitList(kind))) {
        // "call*" and "load*" also match "called" and "loaded": verbs are not units.
        if (VERB_ENDING.test(hit.text)) continue;
        const h = { kind, start: hit.start, end: hit.end, text: hit.text };
        if (!this.units.has(hit.start)) this.units.set(hit.start, h);
        if ((kind === "duration" || kind === "count") && !this.nouns.has(hit.start))
          this.nouns.set(hit.start, h);
      }
    }
    this.resultVerbs = scan.hits("result_verbs");
    for (const h of scan.hits("irregular_past")) this.pastEnds.add(h.end);
    for (const h of this.resultVerbs) this.verbEnds.set(h.end, h);
  }

  word(i: number): string {
    return this.tokens[i]?.word ?? "";
  }

  /** Whether the text between two offsets stays in one clause (and is short). */
  sameClause(from: number, to: number, limit = NEAR): boolean {
    if (to < from) return true;
    if (to - from > limit) return false;
    for (let i = from; i < to; i++) if (CLAUSE_CHARS.has(this.text[i] as string)) return false;
    return true;
  }

  /**
   * The index of the first token at or after an offset: a walk from a hint just before it, or a
   * binary search.
   */
  tokenFrom(offset: number, hint: number, search = false): number {
    const t = this.tokens;
    if (search) {
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((t[mid] as Token).start < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    let i = Math.max(0, hint);
    while (i < t.length && (t[i] as Token).start < offset) i++;
    return i;
  }

  /**
   * Steps back over qualifiers ("about", "just under", "more than") from token k (exclusive), in the
   * same clause as `at`; returns the index after the word before them.
   */
  skipQualifiers(k: number, at: number): number {
    for (let n = 0; n < 3; n++) {
      const t1 = this.tokens[k - 1];
      if (!t1 || !this.sameClause(t1.end, at)) return k;
      if (k >= 2 && PAIR_ENDS.has(t1.word) && APPROX_PAIRS.has(`${this.word(k - 2)} ${t1.word}`)) k -= 2;
      else if (QUALIFIERS.has(t1.word)) k -= 1;
      else return k;
    }
    return k;
  }

  /** The word before token k, when it is in the same clause as offset `at`. */
  before(k: number, at: number): string {
    const t = this.tokens[k - 1];
    return t && this.sameClause(t.end, at) ? t.word : "";
  }

  /** Whether token k is a verb in the past: "resolved", "shipped", "done" (irregular ones from the lexicon). */
  isPastVerb(k: number): boolean {
    const t = this.tokens[k];
    if (!t) return false;
    return (t.word.length > 4 && t.word.endsWith("ed")) || this.pastEnds.has(t.end);
  }

  /** A result verb ending exactly at the end of token k - 1. */
  verbBefore(k: number): PhraseHit | null {
    const t = this.tokens[k - 1];
    return t ? (this.verbEnds.get(t.end) ?? null) : null;
  }

  /** The index of the first result verb starting at or after an offset (verbs are sorted: logarithmic). */
  private verbIndex(offset: number): number {
    const v = this.resultVerbs;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((v[mid] as PhraseHit).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A result verb that starts in [from, to). */
  verbBetween(from: number, to: number): PhraseHit | null {
    const h = this.resultVerbs[this.verbIndex(from)];
    return h && h.start < to ? h : null;
  }

  /** The last result verb that starts in [from, to). */
  lastVerbBetween(from: number, to: number): PhraseHit | null {
    const h = this.resultVerbs[this.verbIndex(to) - 1];
    return h && h.start >= from ? h : null;
  }

  /** The unit starting at an offset, past a few spaces or a hyphen. */
  unitAt(offset: number): UnitHit | undefined {
    let i = offset;
    for (let n = 0; n < 4 && (this.text[i] === " " || this.text[i] === "-"); n++) i++;
    return this.units.get(i);
  }

  /** The unit after a number, allowing one describing word between: "7 business days". */
  unitAfter(offset: number): UnitHit | undefined {
    const direct = this.unitAt(offset);
    if (direct) return direct;
    let i = offset;
    for (let n = 0; n < 2 && this.text[i] === " "; n++) i++;
    const t = this.tokens[this.tokenFrom(i, 0, true)];
    if (!t || t.start !== i || t.word.length < 3 || NOT_BETWEEN.has(t.word) || CHANGE_NOUNS.has(t.word))
      return undefined;
    if (!/^[\p{L}-]+$/u.test(t.word) || QUALIFIERS.has(t.word)) return undefined;
    const unit = this.unitAt(t.end);
    if (unit?.kind === "rate" && !LETTER.test(this.text[offset] ?? "")) {
      // "a dozen stockouts a month": the word between is what is counted, per period.
      return { kind: "rate", start: t.start, end: unit.end, text: `${t.word} ${unit.text}`, counted: t.word };
    }
    return unit && (unit.kind === "duration" || unit.kind === "count") ? unit : undefined;
  }

  /** The duration or count unit that is exactly token k, if any. */
  nounAt(k: number): UnitHit | undefined {
    const t = this.tokens[k];
    if (!t) return undefined;
    const hit = this.nouns.get(t.start);
    return hit && hit.end === t.end ? hit : undefined;
  }
}

function blank(start: number, end: number, value: number): Mention {
  return {
    sentence: 0,
    start,
    end,
    text: "",
    value,
    range: null,
    percent: false,
    money: false,
    kind: "number",
    unit: null,
    per: null,
    words: false,
    bare: false,
    approx: false,
    hedged: false,
    label: null,
    yearLike: false,
    timeFrame: false,
    delta: false,
    claim: false,
    direction: null,
    anchor: start,
    purpose: null,
    relative: false,
    metric: null,
    metrics: NO_METRICS,
    paired: false,
    first: 0,
    last: 0,
  };
}

/** Gives a mention its unit ("14 days", "fifteen a week", "41 units a shift", "$9,000 a month"). */
function attachUnit(r: Reader, m: Mention, unitEnd: number) {
  if (m.kind === "percent") return;
  let unit = r.unitAfter(unitEnd);
  let end = unitEnd;
  // "line 2 shift 3", "step 1 phase 2": a singular noun followed by a number names that number.
  if (
    unit &&
    (unit.kind === "duration" || unit.kind === "count") &&
    !/s$/i.test(unit.text) &&
    DIGIT.test(
      r.text
        .slice(unit.end, unit.end + 2)
        .trim()
        .charAt(0),
    )
  )
    unit = undefined;
  // "three team members", "40 line operators": the noun is the second word.
  if (unit && (unit.kind === "duration" || unit.kind === "count") && !/s$/i.test(unit.text)) {
    const second = r.unitAt(unit.end);
    if (second && (second.kind === "duration" || second.kind === "count") && second.start > unit.end)
      unit = second;
  }
  if (unit && !(m.money && unit.kind !== "rate")) {
    end = unit.end;
    if (unit.kind === "percent") {
      m.kind = "percent";
      m.percent = true;
      m.end = end;
      return;
    }
    if (unit.kind === "money") {
      m.kind = "money";
      m.money = true;
    } else if (unit.kind === "rate") {
      if (!m.money) m.kind = "rate";
      if (unit.counted !== undefined) {
        m.unit = normalizeUnit(unit.counted);
        m.per = normalizeUnit(unit.text.slice(unit.counted.length + 1));
      } else m.per = normalizeUnit(unit.text);
    } else if (unit.kind !== "scale") {
      m.kind = unit.kind;
      m.unit = normalizeUnit(unit.text);
    }
  }
  const times = m.kind === "ratio" && m.unit?.startsWith("time");
  if (m.per === null && (m.kind === "count" || m.kind === "duration" || m.kind === "money" || times)) {
    const rate = r.unitAt(end);
    if (rate?.kind === "rate") {
      if (m.kind !== "money") m.kind = "rate";
      m.per = normalizeUnit(rate.text);
      end = rate.end;
    }
  }
  m.end = end;
}

/** Numbers in digits, with what is glued to them ("3rd", "24h", "5S", "14-hour"). */
function digitMentions(r: Reader): Mention[] {
  const { text, lex } = r;
  const out: Mention[] = [];
  const parsed: NumberMatch = { start: 0, end: 0, value: 0, percent: false, money: false, plain: false };
  for (let at = 0; out.length < MAX_MENTIONS && findNumber(text, at, parsed); at = parsed.end) {
    const start = parsed.start;
    const numEnd = parsed.end;
    const m = blank(start, numEnd, parsed.value);
    m.percent = parsed.percent;
    m.money = parsed.money;
    m.kind = parsed.percent ? "percent" : parsed.money ? "money" : "number";
    m.yearLike = parsed.plain && numEnd - start === 4 && parsed.value >= 1950 && parsed.value <= 2049;
    const prev = text[start - 1] ?? "";
    const next = text[numEnd] ?? "";
    // "9:30", "24/7", "80/20", "#5", "COVID-19".
    if (
      ((prev === ":" || prev === "/") && DIGIT.test(text[start - 2] ?? "")) ||
      ((next === ":" || next === "/") && DIGIT.test(text[numEnd + 1] ?? "")) ||
      prev === "#" ||
      (prev === "-" && LETTER.test(text[start - 2] ?? ""))
    ) {
      m.label = "code";
    }
    if (LETTER.test(next)) {
      // Letters glued to the number: an ordinal, a time of day, "3x", "24h", or a name such as "5S".
      let e = numEnd;
      while (e < text.length && e - numEnd <= 12 && LETTER.test(text[e] as string)) e++;
      const suffix = text.slice(numEnd, e).toLowerCase();
      if (suffix === "ish") {
        m.approx = true;
        attachUnit(r, m, e);
      } else if (/^(?:st|nd|rd|th)$/.test(suffix)) m.label = "ordinal";
      else if (suffix === "am" || suffix === "pm") m.label = "time";
      else if (suffix === "s" && m.yearLike) m.label = "year";
      else if (suffix === "x" && !parsed.percent) {
        m.kind = "ratio";
        m.end = e;
      } else {
        const kind = unitKindOfWord(lex, suffix);
        if (kind === "duration" || kind === "count") {
          m.kind = kind;
          m.unit = normalizeUnit(suffix);
          m.end = e;
          attachUnit(r, m, e);
        } else if (lex) m.label = "code";
      }
      out.push(m);
      continue;
    }
    if (next === "-" && LETTER.test(text[numEnd + 1] ?? "")) {
      // "14-hour", "3-day", "12-person": a unit joined by a hyphen; "2-bin", "5-why": a name.
      let e = numEnd + 1;
      while (e < text.length && e - numEnd <= 16 && LETTER.test(text[e] as string)) e++;
      const word = text.slice(numEnd + 1, e).toLowerCase();
      const kind = unitKindOfWord(lex, word);
      if (word === "ish") {
        m.approx = true;
        attachUnit(r, m, e);
      } else if ((kind === "duration" || kind === "count") && !parsed.percent && !parsed.money) {
        m.kind = kind;
        m.unit = normalizeUnit(word);
        m.end = e;
      } else if (lex && !parsed.percent && !parsed.money) m.label = "code";
      out.push(m);
      continue;
    }
    attachUnit(r, m, numEnd);
    out.push(m);
  }
  return out;
}

interface Part {
  word: string;
  start: number;
  end: number;
  token: number;
}

/** Words that make "a" or "an" a number: "a hundred", "a dozen", "a third". */
const A_NUMBER = new Set([
  "hundred",
  "thousand",
  "million",
  "billion",
  "dozen",
  "half",
  "third",
  "quarter",
  "fifth",
  "tenth",
]);
/** The longest number in words read: "two hundred and fifty three thousand four hundred and twelve". */
const MAX_NUMBER_WORDS = 16;
const FEW_NUMBER_WORDS = 6;
/** Words that can go on a number in words: "twenty five", "a hundred and", "two thirds", "one and a half". */
const CONTINUES = new Set([
  ...["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
  ...["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty"],
  ...["forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion"],
  ...["dozen", "and", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"],
]);

/** The words of tokens k, k+1, ... (hyphenated ones split: "twenty-five"), at most `max` of them. */
function partsFrom(tokens: readonly Token[], k: number, max: number): Part[] {
  const parts: Part[] = [];
  for (let i = k; i < tokens.length && parts.length < max; i++) {
    const t = tokens[i] as Token;
    if (!t.word.includes("-")) {
      parts.push({ word: t.word, start: t.start, end: t.end, token: i });
      continue;
    }
    let at = t.start;
    for (const w of t.word.split("-")) {
      if (w) parts.push({ word: w, start: at, end: at + w.length, token: i });
      at += w.length + 1;
    }
  }
  return parts;
}

/** Numbers in words: "fifteen", "twenty-five", "a hundred and twenty", "a dozen", "two thirds", "half". */
function wordMentions(r: Reader, digits: readonly Mention[]): Mention[] {
  const { tokens, lex } = r;
  const out: Mention[] = [];
  let d = 0;
  for (let k = 0; k < tokens.length && out.length < MAX_MENTIONS; k++) {
    const token = tokens[k] as Token;
    while (d < digits.length && (digits[d] as Mention).end <= token.start) d++;
    const digit = digits[d];
    if (digit && digit.start <= token.start) continue;
    const dash = token.word.indexOf("-");
    const head = dash < 0 ? token.word : token.word.slice(0, dash);
    if (!startsWordNumber(head) && !(head in TIMES_WORDS)) continue;
    if ((head === "a" || head === "an") && !A_NUMBER.has(r.word(k + 1))) continue;
    // Most numbers in words are one to three words: read a few, and more only when they all were.
    const more = token.word.includes("-") || CONTINUES.has(r.word(k + 1));
    let parts = partsFrom(tokens, k, more ? FEW_NUMBER_WORDS : 3);
    let words = parts.map((x) => x.word);
    const probe = readWordNumber(words, 0);
    if (more && probe && probe.next >= parts.length - 3 && parts.length === FEW_NUMBER_WORDS) {
      parts = partsFrom(tokens, k, MAX_NUMBER_WORDS);
      words = parts.map((x) => x.word);
    }
    const part = parts[0] as Part;
    const w = part.word;
    const prevWord = r.before(k, part.start);
    if (w in TIMES_WORDS) {
      // "twice a week": a count of times per period.
      const rate = r.unitAt(part.end);
      if (rate?.kind !== "rate") continue;
      const m = blank(part.start, rate.end, TIMES_WORDS[w] as number);
      // A frequency ("we met twice a week") tells a habit, not a measure: only the end of a change.
      Object.assign(m, { kind: "rate", per: normalizeUnit(rate.text), words: true, bare: true });
      out.push(withTokens(m, part.token, r));
      continue;
    }
    const read = readWordNumber(words, 0);
    if (!read) continue;
    let { next, value, fraction } = read;
    const lastWord = words[next - 1] ?? "";
    // "a quarter", "three quarters": the unit quarter, unless "of" follows ("a quarter of the orders").
    if (fraction && lastWord.startsWith("quarter") && words[next] !== "of" && prevWord !== "by") {
      // "in a quarter" tells when, like "in a month"; "three quarters" counts them.
      if (lastWord === "quarter") {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      value = Math.round(value * 4);
      fraction = false;
      next -= 1;
    }
    const startPart = part;
    const endPart = parts[next - 1] as Part;
    const m = blank(startPart.start, endPart.end, value);
    m.words = true;
    const following = parts[next];
    if (fraction) {
      if (w === "half" && NOT_HALF_BEFORE.has(prevWord)) {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      const after = following?.word ?? "";
      const skipTo = r.skipQualifiers(part.token, part.start);
      if (SHARE_AFTER.has(after) && (w !== "a" || after === "of")) {
        // "half of the orders", "two thirds of our SKUs": a share.
        m.kind = "percent";
        m.percent = true;
        m.value = value * 100;
        m.relative = true;
      } else if (r.before(skipTo, part.start) === "by") {
        m.kind = "percent";
        m.percent = true;
        m.value = value * 100;
      } else if (w === "half" && (after === "a" || after === "an") && following) {
        // "half a day", "half an hour".
        const unit = r.nounAt(following.token + 1);
        if (!unit) {
          k = (parts[next - 1] as Part).token;
          continue;
        }
        m.kind = unit.kind === "count" ? "count" : "duration";
        m.unit = normalizeUnit(unit.text);
        m.end = unit.end;
      } else {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      out.push(withTokens(m, part.token, r));
      k = (parts[next - 1] as Part).token;
      continue;
    }
    if (value === 1 && next === 1 && w === "one") {
      const after = following?.word ?? "";
      const atStart = prevWord === "" || prevWord === "and" || prevWord === "but" || prevWord === "then";
      const unit = r.unitAt(part.end);
      if (
        NOT_ONE_BEFORE.has(prevWord) ||
        NOT_ONE_AFTER.has(after) ||
        (atStart && unit?.kind === "duration")
      ) {
        continue;
      }
    }
    if (following && following.token === endPart.token) {
      // "three-day": a unit joined by a hyphen; "one-off", "two-way": not an amount.
      const kind = unitKindOfWord(lex, following.word);
      if (kind === "duration" || kind === "count") {
        m.kind = kind;
        m.unit = normalizeUnit(following.word);
        m.end = following.end;
      } else m.label = "code";
    } else {
      attachUnit(r, m, endPart.end);
      if (m.kind === "number") m.bare = true;
    }
    out.push(withTokens(m, part.token, r));
    k = (parts[next - 1] as Part).token;
  }
  return out;
}

function withTokens(m: Mention, first: number, r: Reader): Mention {
  m.first = first;
  m.last = r.tokenFrom(m.end, first);
  return m;
}

/** The one word or sign between two figures ("to", "-", "or", "and", "per"), lowercase; "" for more. */
function gapWord(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && text[a] === " ") a++;
  while (b > a && text[b - 1] === " ") b--;
  if (b - a > 3) return "";
  for (let i = a; i < b; i++) if (text[i] === " ") return "";
  return text.slice(a, b).toLowerCase();
}

/** Merges "12-15 days", "3 to 4 hours", "between 3 and 4 hours" into one mention with its ends. */
function mergeRanges(r: Reader, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i] as Mention;
    const b = mentions[i + 1];
    if (b && a.label === null && b.label === null && !a.yearLike && !b.yearLike && b.start - a.end <= 9) {
      const gap =
        b.start - a.end <= 1 ? r.text.slice(a.end, b.start).trim() : gapWord(r.text, a.end, b.start);
      if (gap === "per" && a.unit !== null && b.unit !== null && !b.percent && !b.money) {
        // "12 errors per 1,000 orders": one rate.
        out.push({ ...a, end: b.end, kind: "rate", per: `${b.value} ${b.unit}`, last: b.last });
        i++;
        continue;
      }
      const sameUnit = a.kind === "number" || a.bare || (a.kind === b.kind && a.unit === b.unit);
      const between = gap === "and" && r.before(a.first, a.start) === "between";
      let range = sameUnit && a.value < b.value && (gap === "-" || gap === "or" || between);
      if (!range && sameUnit && gap === "to" && a.value < b.value) {
        // "3 to 4 hours" is a range; "from 3 to 4", "cut it 3 to 4" are changes.
        const k = r.skipQualifiers(a.first, a.start);
        const w = r.before(k, a.start);
        range = w !== "from" && w !== "by" && !r.verbBetween(r.tokens[k - 4]?.start ?? 0, a.start);
      }
      if (range) {
        const merged: Mention = {
          ...b,
          start: a.start,
          value: (a.value + b.value) / 2,
          range: { low: a.value, high: b.value },
          money: a.money || b.money,
          words: a.words || b.words,
          approx: true,
          first: a.first,
        };
        if (merged.kind === "number" && a.money) merged.kind = "money";
        out.push(merged);
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** "March", "Sept"; "may" only as a name ("it may 5" is not a date). */
function isMonth(r: Reader, w: string, t: Token | undefined): boolean {
  return MONTHS.has(w) && (w !== "may" || /\p{Lu}/u.test(r.text[t?.start ?? 0] ?? ""));
}

/** Names, years, dates and times of day: numbers that measure nothing. */
function markLabels(r: Reader, m: Mention) {
  if (m.label !== null) return;
  const amount = m.kind === "number" && !m.percent && !m.money;
  const prev = r.before(m.first, m.start);
  const nextWord = r.word(m.last);
  if (m.yearLike && (amount || YEAR_BEFORE.has(prev) || MONTHS.has(prev))) {
    m.label = "year";
    return;
  }
  if (!amount) return;
  // "line 2", "shift 3", "day 3", "Plant 7", "step one": a singular unit noun right before a bare number.
  const noun = r.nounAt(m.first - 1);
  if (noun && m.start - noun.end <= 2) {
    const w = noun.text.toLowerCase();
    const before = r.word(m.first - 2);
    if (w.length >= 2 && (!w.endsWith("s") || w.endsWith("ss")) && before !== "per" && before !== "a") {
      m.label = "name";
      return;
    }
  }
  if (m.words) return;
  if (prev === "#" || prev === "number" || (r.word(m.first - 1) === "no" && r.text[m.start - 2] === ".")) {
    m.label = "name";
    return;
  }
  const prevToken = r.tokens[m.first - 1];
  // "March 3", "3 May"; "may" only as a name ("it may 5" is not a date).
  if (isMonth(r, prev, prevToken) || isMonth(r, nextWord, r.tokens[m.last])) {
    m.label = "date";
    return;
  }
  if (nextWord === "pm" || nextWord === "am" || nextWord === "o'clock" || sticky(AM_PM, r.text, m.end))
    m.label = "time";
}

function markContext(r: Reader, m: Mention, hedges: HedgeSpan[], hedgeIndex: { i: number }) {
  const { text } = r;
  // Approximations.
  const k = m.first;
  const w1 = r.before(k, m.start);
  let c = m.start - 1;
  if (text[c] === " ") c--;
  if (
    APPROX_WORDS.has(w1) ||
    (k >= 2 && PAIR_ENDS.has(w1) && APPROX_PAIRS.has(`${r.word(k - 2)} ${w1}`)) ||
    APPROX_SIGNS.has(text[c] ?? "") ||
    sticky(APPROX_AFTER, text, m.end)
  )
    m.approx = true;
  // Hedges: a number hedge ending at most two words before, or one closing the clause just after.
  while (hedgeIndex.i < hedges.length && (hedges[hedgeIndex.i] as HedgeSpan).last <= m.first - HEDGE_GAP - 1)
    hedgeIndex.i++;
  for (let h = hedgeIndex.i; h < hedges.length; h++) {
    const s = hedges[h] as HedgeSpan;
    if (s.first > m.last + HEDGE_GAP) break;
    const beforeIt = s.last <= m.first && m.first - s.last <= HEDGE_GAP && r.sameClause(s.end, m.start);
    const afterIt =
      s.first >= m.last && s.first - m.last <= HEDGE_GAP && s.closes && r.sameClause(m.end, s.start);
    if (beforeIt || afterIt) {
      m.hedged = true;
      break;
    }
  }
  // Time frames: "within three months", "after 6 weeks".
  if (m.kind === "duration") {
    m.timeFrame =
      TIME_FRAME_BEFORE.test(text.slice(Math.max(0, m.start - 24), m.start)) ||
      TIME_FRAME_AFTER.test(text.slice(m.end, m.end + 30));
    // "issues were resolved within 48 hours": a turnaround measured, not a time frame.
    if (m.timeFrame) {
      const k = r.skipQualifiers(m.first, m.start);
      if (r.word(k - 1) === "within" && r.isPastVerb(k - 2)) m.timeFrame = false;
    }
  }
  // "120% of target", "150% of plan": against something else.
  if (m.percent && r.word(m.last) === "of") m.relative = true;
  markChange(r, m);
  markMoney(r, m);
}

function markChange(r: Reader, m: Mention) {
  const k = r.skipQualifiers(m.first, m.start);
  const prev = r.before(k, m.start);
  const byToken = r.tokens[k - 1];
  if (prev === "by" && byToken) {
    // "cut scrap by 30%": a claim, when a verb of change comes first ("by 5 pm" is not one).
    const verb = r.lastVerbBetween(byToken.start - 60, byToken.start);
    if (verb) {
      m.delta = true;
      m.claim = true;
      m.anchor = byToken.start;
      m.direction = directionOf(verb.text);
      return;
    }
  }
  const after = r.word(m.last);
  if (CHANGE_NOUNS.has(after) && r.sameClause(m.end, r.tokens[m.last]?.start ?? m.end, 4)) {
    // "a 25% reduction", "30 percent fewer".
    m.delta = true;
    m.claim = true;
    m.direction = CHANGE_NOUNS.get(after) ?? null;
    return;
  }
  // "reduced 45 to 20 minutes" is a pair, not a change of 45.
  if (after === "to" || prev === "from" || prev === "to" || prev === "at" || prev === "of") return;
  const verb = r.verbBefore(k);
  const word = verb ? verb.text.toLowerCase() : prev;
  // "down 12%", "scrap was down 30%"; not "made up 70% of picks", "ended up 8% above".
  const upDown =
    (prev === "down" || prev === "up") &&
    (UP_DOWN_AFTER.has(r.before(k - 1, m.start)) || r.verbBefore(k - 1));
  if ((verb && !stemIn(word, LEVEL_STEMS)) || upDown) {
    // "scrap fell 30%", "saved $60,000", "down 12%".
    m.delta = true;
    m.claim = m.percent;
    m.direction = directionOf(word);
  }
}

function markMoney(r: Reader, m: Mention) {
  if (m.kind !== "money") return;
  for (let i = 1; i <= 3; i++) {
    const w = r.word(m.first - i);
    if (w.startsWith("sav") && r.sameClause(r.tokens[m.first - i]?.end ?? 0, m.start)) {
      m.purpose = "saving";
      m.delta = true;
      m.direction = "down";
      return;
    }
  }
  for (let i = 0; i < 3; i++) {
    const w = r.word(m.last + i);
    if (w.startsWith("sav") || w === "budget" || w === "budgets") {
      if (!r.sameClause(m.end, r.tokens[m.last + i]?.start ?? m.end)) return;
      if (w.startsWith("sav")) {
        m.purpose = "saving";
        m.delta = true;
        m.direction = "down";
      } else if (!NOT_BUDGET.has(r.word(m.last + i - 1))) m.purpose = "budget";
      return;
    }
  }
  for (let i = 1; i <= 3; i++) {
    const w = r.word(m.first - i);
    if ((w === "budget" || w === "budgets") && r.sameClause(r.tokens[m.first - i]?.end ?? 0, m.start)) {
      if (!NOT_BUDGET.has(r.word(m.first - i - 1))) m.purpose = "budget";
      return;
    }
  }
}

interface HedgeSpan {
  start: number;
  end: number;
  first: number;
  last: number;
  /** Ends its clause: "20 percent, I guess." */
  closes: boolean;
}

function hedgeSpans(r: Reader): HedgeSpan[] {
  const out: HedgeSpan[] = [];
  let hint = 0;
  for (const h of r.scan.hits("number_hedges")) {
    const first = r.tokenFrom(h.start, hint);
    const last = r.tokenFrom(h.end, first);
    hint = first;
    out.push({
      start: h.start,
      end: h.end,
      first,
      last,
      closes: CLAUSE_END.test(r.text.slice(h.end, h.end + 3)),
    });
  }
  return out;
}

/** Metric terms near each mention, nearest first, in one pass over both sorted lists. */
function markMetrics(r: Reader, mentions: readonly Mention[]) {
  const hits = r.scan.hits("metric_terms");
  if (hits.length === 0) return;
  let p = 0;
  for (const m of mentions) {
    if (m.label !== null) continue;
    while (p < hits.length && (hits[p] as PhraseHit).start < m.start) p++;
    // At most three metric terms before it and two after: the nearest is the figure's metric.
    let best: PhraseHit | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    let names: string[] | null = null;
    for (let i = Math.max(0, p - 3); i < Math.min(hits.length, p + 2); i++) {
      const h = hits[i] as PhraseHit;
      const before = i < p;
      const distance = before ? Math.max(0, m.start - h.end) : Math.max(0, h.start - m.end) + 1;
      const near = before
        ? distance <= METRIC_BEFORE && r.sameClause(h.end, m.start, METRIC_BEFORE)
        : distance <= METRIC_AFTER + 1 && r.sameClause(m.end, h.start, METRIC_AFTER);
      if (!near) continue;
      const name = normalizeMetric(h.text);
      if (!names) names = [name];
      else if (!names.includes(name)) names.push(name);
      if (distance < bestDistance) {
        best = h;
        bestDistance = distance;
      }
    }
    if (!best || !names) continue;
    m.metric = { name: normalizeMetric(best.text), start: best.start, end: best.end };
    m.metrics = names;
  }
}

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
