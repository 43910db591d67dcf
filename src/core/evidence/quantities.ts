import type { CompiledLexicon } from "./compiled-lexicon.js";
import type { Direction, Mention, MetricRef, MoneyPurpose } from "./mention.js";
import { type MentionReader, readNumbers } from "./mentions.js";
import type { Scan } from "./phrases.js";
import type { Sentence } from "./sentences.js";

export type { Direction, MetricRef, MoneyPurpose };
export type QuantityKind = "percent" | "money" | "duration" | "count" | "rate" | "ratio" | "number";

export interface Quantity {
  sentence: number;
  /** Offsets inside the sentence text. */
  start: number;
  end: number;
  text: string;
  value: number;
  kind: QuantityKind;
  /** "within three months", "after 6 weeks": when something happened, not how much changed. */
  timeFrame: boolean;
  // Added with number words; optional so that quantities built elsewhere still type-check.
  /** A guess ("maybe like 20 percent", "probably around 10%", "I guess 5 hours"): worth no credit. */
  hedged?: boolean;
  /** An estimate ("about 15", "~15", "roughly", "15 or so") or a range. */
  approx?: boolean;
  /** Written in words: "fifteen", "a dozen", "two thirds". */
  words?: boolean;
  /** A range ("12-15 days", "between 3 and 4 hours"): `value` is its middle. */
  range?: { low: number; high: number } | null;
  /** The unit, singular ("hour", "pallet", "sprint"); null for %, money and bare numbers. */
  unit?: string | null;
  /** The period of a rate: "shift" in "41 units a shift", "month" in "$9,000 a month". */
  per?: string | null;
  /** The nearest metric term in the clause ("lead time", "on time"), and up to three near it. */
  metric?: MetricRef | null;
  metrics?: readonly string[];
  /** An amount of change ("by 30%", "a 25% cut", "fell 30%", "saved $60,000"), not a level. */
  delta?: boolean;
  direction?: Direction | null;
  /** One end of a before→after pair in its own sentence. */
  paired?: boolean;
  /** Money saved, or a budget. */
  purpose?: MoneyPurpose | null;
  /** Measured against something else: "120% of target", "half of the orders". */
  relative?: boolean;
}

export interface Change {
  sentence: number;
  text: string;
  before: number | null;
  after: number | null;
  percent: boolean;
  /** A percentage the answer claims for the change ("a 50% cut", "reduced by 30%"). */
  claimedPercent: number | null;
  /** "halved", "doubled": a claimed ratio of after to before. */
  claimedRatio: number | null;
  // Added with cross-sentence changes; optional so that changes built elsewhere still type-check.
  /** Whether the claimed change is a fall or a rise ("fell by 250%"). */
  claimedDirection?: Direction | null;
  /** Offsets of `text` in the sentence `sentence`. */
  start?: number;
  end?: number;
  kind?: QuantityKind;
  metric?: string | null;
  /** The before value is in an earlier sentence ("Output was 41 units a shift. ... now 53"). */
  linked?: boolean;
  /** Where the before value is: this sentence, or an earlier one for a linked change. */
  beforeSentence?: number;
  beforeText?: string;
}

interface SentenceNumbers {
  norm: string;
  index: number;
  mentions: Mention[];
  changes: Change[];
  quantities: Quantity[] | null;
}

/** Words before a second figure that make it the earlier value: "… instead of 100", "… compared with 100". */
const EARLIER_VALUE_WORDS = new Set(["instead of", "compared with", "compared to"]);

// features.ts reads quantities and changes of the same sentence with the same scan: read it once.
const cache = new WeakMap<Scan, SentenceNumbers>();

const MAX_PAIR_GAP = 80;
const CLAIM_WINDOW = 40;
const ARROW = /->|→|=>|(?:^|\s)>(?:\s|$)/;
const HARD_BREAKS = new Set([".", ";", "!", "?"]);
/** A semicolon joins a then and a now: "it used to take three sprints; now two". */
const END_BREAKS = new Set([".", "!", "?"]);
const COMMA = new Set([","]);
const ARROW_HEADS = new Set([">", "→"]);

/** Whether any character of text[from, to) is in `set` (a short span: no copy of it is made). */
function hasChar(text: string, from: number, to: number, set: ReadonlySet<string>): boolean {
  for (let i = from; i < to; i++) if (set.has(text[i] as string)) return true;
  return false;
}
const WAS_WORDS = new Set([
  ...["was", "were", "been", "be", "take", "took", "averaged", "averaging", "had"],
  ...["getting", "got", "get", "saw", "seeing", "logged", "logging", "ran", "running"],
]);
const NOW_WORDS = new Set(["now", "today", "currently"]);
const BEFORE_WORDS = new Set(["before"]);
const AFTER_WORDS = new Set(["after"]);
const RATIO_WORDS: Record<string, number> = {
  halved: 0.5,
  doubled: 2,
  tripled: 3,
  trebled: 3,
  quadrupled: 4,
};
const HALVING_VERBS = /^(?:cut|cutting|reduc|slash|split|drop)/;

/** Whether two figures can be the two ends of one change. */
function compatible(a: Mention, b: Mention): boolean {
  if (a.bare || a.kind === "number" || b.bare || b.kind === "number")
    return !((a.percent && b.money) || (a.money && b.percent));
  if (a.kind === b.kind) return true;
  const rates = new Set<QuantityKind>([a.kind, b.kind]);
  return rates.has("rate") && (rates.has("count") || rates.has("duration") || rates.has("money"));
}

const endpoint = (m: Mention | undefined): m is Mention =>
  m !== undefined && m.label === null && !m.hedged && !m.delta;

interface Pair {
  before: Mention;
  after: Mention;
  start: number;
  end: number;
  /** Index of the first and the last of the two in the mention list. */
  i: number;
  j: number;
}

/** Whether any of up to `n` tokens before token k (in the same clause as `at`) is in `set`. */
function someBefore(
  r: MentionReader,
  k: number,
  at: number,
  n: number,
  set: ReadonlySet<string>,
  breaks: ReadonlySet<string> = HARD_BREAKS,
): number | null {
  for (let i = 1; i <= n; i++) {
    const t = r.tokens[k - i];
    // "before: 12", "after it, 3": a colon or a comma keeps the word with its figure.
    if (!t || at - t.end > MAX_PAIR_GAP || hasChar(r.text, t.end, at, breaks)) return null;
    if (set.has(t.word)) return k - i;
  }
  return null;
}

/**
 * How often something happens, in words: "twice a week", "once a month". Not a quantity on its own (a
 * habit: "we met twice a week"), but the after value of a change whose before was a count per the same
 * period ("fifteen escalations a week" ... "only twice a week").
 */
export function findFrequencies(sentence: Sentence, scan: Scan, lex?: CompiledLexicon): Quantity[] {
  const out: Quantity[] = [];
  for (const m of analyze(sentence, scan, lex).mentions) {
    if (m.label !== null || !m.bare || m.kind !== "rate" || m.hedged) continue;
    out.push({ ...m, sentence: sentence.index, text: sentence.text.slice(m.start, m.end) });
  }
  return out;
}

/**
 * Finds before→after pairs between neighbouring figures: "from 14 days to 6", "82% → 95%", "38 hours,
 * down from 72", "before: 12 ... after: 3", "was 14 days, now 6", "cut changeover 45 to 20 min",
 * "used to take three sprints, now two". Each figure is compared with the next one only: linear.
 */
function findPairs(r: MentionReader, ms: readonly Mention[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i] as Mention;
    const b = ms[i + 1] as Mention;
    if (!endpoint(a) || !endpoint(b) || a.value === b.value || !compatible(a, b)) continue;
    if (b.start - a.end > MAX_PAIR_GAP) continue;
    const kA = r.skipQualifiers(a.first, a.start);
    const kB = r.skipQualifiers(b.first, b.start);
    const preA = r.before(kA, a.start);
    const preB = r.before(kB, b.start);
    const between = Math.max(0, kB - a.last);
    const softGap = !hasChar(r.text, a.end, b.start, HARD_BREAKS);
    const cleanGap = softGap && !hasChar(r.text, a.end, b.start, COMMA);
    const arrow = hasChar(r.text, a.end, b.start, ARROW_HEADS) && ARROW.test(r.text.slice(a.end, b.start));
    let pair: Omit<Pair, "i" | "j"> | null = null;
    if (preA === "from" && softGap && ((preB === "to" && between - 1 <= 4) || (arrow && between <= 4))) {
      pair = { before: a, after: b, start: r.tokens[kA - 1]?.start ?? a.start, end: b.end };
    } else if (arrow && between <= 2 && softGap) {
      pair = { before: a, after: b, start: a.start, end: b.end };
    } else if (preB === "from" && softGap && between - 1 <= 4) {
      const w = r.word(kB - 2);
      if (w === "down" || w === "up" || preA === "to")
        pair = { before: b, after: a, start: a.start, end: b.end };
    } else if (softGap && between - 2 <= 3 && EARLIER_VALUE_WORDS.has(`${r.word(kB - 2)} ${preB}`)) {
      // "one in twenty late instead of one in three", "5 a day, compared with 100": the second came first.
      pair = { before: b, after: a, start: a.start, end: b.end };
    } else if (preB === "to" && between === 1 && cleanGap && preA !== "by") {
      // "cut changeover 45 to 20 min": a verb of change just before the first figure.
      const from = r.tokens[Math.max(0, kA - 4)]?.start ?? 0;
      if (r.verbBetween(from, a.start)) pair = { before: a, after: b, start: a.start, end: b.end };
    }
    if (!pair && !hasChar(r.text, a.end, b.start, END_BREAKS)) {
      const nowAt = someBefore(r, kB, b.start, 3, NOW_WORDS, END_BREAKS);
      const wasAt = WAS_WORDS.has(preA) || (preA === "at" && WAS_WORDS.has(r.word(kA - 2))) ? kA - 1 : null;
      if (nowAt !== null && nowAt >= a.last && wasAt !== null) {
        pair = {
          before: a,
          after: b,
          start: r.tokens[preA === "at" ? kA - 2 : wasAt]?.start ?? a.start,
          end: b.end,
        };
      }
    }
    if (!pair) {
      const beforeAt = someBefore(r, a.first, a.start, 3, BEFORE_WORDS);
      const afterAt = someBefore(r, b.first, b.start, 3, AFTER_WORDS);
      if (beforeAt !== null && afterAt !== null && afterAt >= a.last)
        pair = { before: a, after: b, start: r.tokens[beforeAt]?.start ?? a.start, end: b.end };
    }
    if (pair) {
      pairs.push({ ...pair, i, j: i + 1 });
      i++;
    }
  }
  return pairs;
}

/** The claimed percent next to a pair, in its clause: "from 12 to 8, a 50% cut"; "by 50%, from 12 to 8". */
function claimFor(r: MentionReader, ms: readonly Mention[], pair: Pair): Mention | null {
  const candidates: Mention[] = [];
  const before = ms[pair.i - 1];
  const after = ms[pair.j + 1];
  if (
    before?.claim &&
    before.percent &&
    !before.hedged &&
    pair.start - before.anchor <= CLAIM_WINDOW &&
    !r.verbBetween(before.end, pair.start)
  )
    candidates.push(before);
  if (
    after?.claim &&
    after.percent &&
    !after.hedged &&
    after.anchor - pair.end <= CLAIM_WINDOW &&
    !r.verbBetween(pair.end, after.anchor)
  )
    candidates.push(after);
  candidates.sort((x, y) => Math.abs(x.anchor - pair.start) - Math.abs(y.anchor - pair.start));
  return candidates[0] ?? null;
}

/** "halved", "doubled", "tripled", "cut in half": the first in the sentence. */
function ratioWord(r: MentionReader): number | null {
  const t = r.tokens;
  for (let i = 0; i < t.length; i++) {
    const w = (t[i] as { word: string }).word;
    const ratio = RATIO_WORDS[w];
    if (ratio !== undefined) return ratio;
    if (w === "half" && r.word(i - 1) === "in") {
      for (let k = 2; k <= 5; k++) if (HALVING_VERBS.test(r.word(i - k))) return 0.5;
    }
  }
  return null;
}

function analyze(sentence: Sentence, scan: Scan, lex?: CompiledLexicon): SentenceNumbers {
  const hit = cache.get(scan);
  if (hit && hit.norm === sentence.norm && hit.index === sentence.index) return hit;
  const { mentions, reader } = readNumbers(sentence.norm, scan, lex);
  const ms = mentions.filter((m) => m.label === null);
  const changes: Change[] = [];
  const ratio = ratioWord(reader);
  const paired = new Set<Mention>();
  for (const pair of findPairs(reader, ms)) {
    const claim = claimFor(reader, ms, pair);
    paired.add(pair.before);
    paired.add(pair.after);
    const kind = pair.before.bare || pair.before.kind === "number" ? pair.after.kind : pair.before.kind;
    changes.push({
      sentence: sentence.index,
      text: sentence.text.slice(pair.start, pair.end),
      before: pair.before.value,
      after: pair.after.value,
      percent: pair.before.percent || pair.after.percent,
      claimedPercent: claim ? claim.value : null,
      claimedRatio: ratio,
      claimedDirection: claim ? claim.direction : null,
      start: pair.start,
      end: pair.end,
      kind,
      metric: pair.after.metric?.name ?? pair.before.metric?.name ?? null,
      linked: false,
      beforeSentence: sentence.index,
      beforeText: sentence.text.slice(pair.before.start, pair.before.end),
    });
  }
  if (changes.length === 0) {
    // A change stated with its base: "cut scrap by 30%", "a 25% reduction", "halved".
    // A bare number word is not a claim on its own: "by ten" says nothing of what changed.
    const claims = ms.filter((m) => m.claim && !m.hedged && !m.bare);
    const claim = claims.find((c) => c.percent) ?? claims[0];
    if (claim || ratio !== null) {
      changes.push({
        sentence: sentence.index,
        text: sentence.text,
        before: null,
        after: null,
        percent: claim?.percent ?? false,
        claimedPercent: claim?.percent ? claim.value : null,
        claimedRatio: ratio,
        claimedDirection: claim?.direction ?? null,
      });
    }
  }
  for (const m of paired) m.paired = true;
  const out: SentenceNumbers = {
    norm: sentence.norm,
    index: sentence.index,
    mentions,
    changes,
    quantities: null,
  };
  cache.set(scan, out);
  return out;
}

/**
 * Finds quantities (with units and kinds) in one sentence: in digits or words ("fifteen", "a dozen a
 * month", "two thirds of"), ranges, estimates and guesses marked. Names ("line 2", "Q3", "step 1"),
 * years, dates, times of day and bare number words are not quantities. Pass the compiled lexicon to read
 * units joined to a number ("14-hour", "24h").
 */
export function findQuantities(sentence: Sentence, scan: Scan, lex?: CompiledLexicon): Quantity[] {
  const numbers = analyze(sentence, scan, lex);
  if (!numbers.quantities) {
    const out: Quantity[] = [];
    for (const m of numbers.mentions) {
      if (m.label !== null || m.bare) continue;
      m.sentence = sentence.index;
      m.text = sentence.text.slice(m.start, m.end);
      out.push(m);
    }
    numbers.quantities = out;
  }
  return numbers.quantities;
}

/**
 * Finds before→after pairs ("from 14 days to 6", "82% → 95%", "38 hours, down from 72", "from about
 * fifteen a week to two") and changes stated with their base ("cut scrap by 30%", "a 25% reduction",
 * "halved"). Guessed figures make no change.
 */
export function findChanges(sentence: Sentence, scan: Scan, lex?: CompiledLexicon): Change[] {
  return analyze(sentence, scan, lex).changes;
}
