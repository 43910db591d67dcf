import { type CompiledLexicon, type UnitKind, unitList } from "./compiled-lexicon.js";
import { APPROX_PAIRS, PAIR_ENDS, QUALIFIERS } from "./estimate-words.js";
import { CHANGE_NOUNS } from "./mention-changes.js";
import type { PhraseHit, Scan, Token } from "./phrases.js";

export interface UnitHit {
  kind: UnitKind;
  start: number;
  end: number;
  text: string;
  /** For a rate read through a word ("a dozen stockouts a month"): that word, and the period. */
  counted?: string;
  per?: string;
}

export const LETTER = /\p{L}/u;
const DETERMINERS = new Set(["the", "our", "its", "their", "a", "an", "this", "that", "my"]);
const REFERENCES = new Set(
  "target targets plan plans goal goals budget budgets forecast forecasts quota quotas standard standards benchmark baseline expectation expectations last previous prior".split(
    " ",
  ),
);
const VERB_ENDING = /\p{L}{3}ed$/iu;
const CLAUSE_CHARS = new Set([".", ";", ":", "!", "?", "(", ")", "[", "]"]);
/** Words looked at around a number are never further than this. */
const NEAR = 40;
/** Words that may sit between a number and its unit: "7 business days", "40 fastest SKUs". Not these. */
const NOT_BETWEEN = new Set(
  "to and or of the a an per from by in on at than for with into was were is are be been has have had it its this that these those we i our my their they he she you not no but so as after before over under down up vs versus between more less fewer".split(
    " ",
  ),
);

/** Whether a sticky regex matches at an offset, without copying the text. */
export function sticky(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/** A sentence read for its numbers: its tokens, unit words and result verbs, and lookups around an offset. */
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

  /**
   * Whether the words from token k name what a share is measured against ("of target", "of the plan",
   * "of last year's"), making "120% of target" a ratio, not a level like "12% of orders".
   */
  againstReference(k: number): boolean {
    let i = k;
    while (DETERMINERS.has(this.word(i)) && i < k + 2) i++;
    return REFERENCES.has(this.word(i));
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

  /**
   * The unit after a number, allowing one describing word between ("7 business days"), or what is
   * counted per period in one or two words ("a dozen stockouts a month", "forty late deliveries every week").
   */
  unitAfter(offset: number): UnitHit | undefined {
    const direct = this.unitAt(offset);
    if (direct) return direct;
    let i = offset;
    for (let n = 0; n < 2 && this.text[i] === " "; n++) i++;
    const k = this.tokenFrom(i, 0, true);
    const t = this.tokens[k];
    if (!t || t.start !== i || !this.describes(k)) return undefined;
    const unit = this.unitAt(t.end);
    const perPeriod = !LETTER.test(this.text[offset] ?? "");
    if (unit?.kind === "rate" && perPeriod) return this.counted(t.start, t.word, unit);
    if (unit && (unit.kind === "duration" || unit.kind === "count")) return unit;
    const next = this.tokens[k + 1];
    if (unit || !perPeriod || !next || next.start !== t.end + 1 || !this.describes(k + 1)) return undefined;
    const rate = this.unitAt(next.end);
    // The noun counted is the second word; the first describes it ("late deliveries").
    return rate?.kind === "rate" ? this.counted(t.start, next.word, rate, `${t.word} `) : undefined;
  }

  /** A word that may stand between a number and its unit: a noun or an adjective, not "of", "more" or "down". */
  private describes(k: number): boolean {
    const t = this.tokens[k];
    return (
      t !== undefined &&
      t.word.length >= 3 &&
      !NOT_BETWEEN.has(t.word) &&
      !CHANGE_NOUNS.has(t.word) &&
      !QUALIFIERS.has(t.word) &&
      /^[\p{L}-]+$/u.test(t.word)
    );
  }

  private counted(start: number, noun: string, rate: UnitHit, lead = ""): UnitHit {
    return {
      kind: "rate",
      start,
      end: rate.end,
      text: `${lead}${noun} ${rate.text}`,
      counted: noun,
      per: rate.text,
    };
  }

  /** The duration or count unit that is exactly token k, if any. */
  nounAt(k: number): UnitHit | undefined {
    const t = this.tokens[k];
    if (!t) return undefined;
    const hit = this.nouns.get(t.start);
    return hit && hit.end === t.end ? hit : undefined;
  }
}
