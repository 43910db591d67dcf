import { type UnitKind, unitList } from "./compiled-lexicon.js";
import { NUMBER_SOURCE, NUMBER_WORDS, parseNumber } from "./numbers.js";
import type { Scan } from "./phrases.js";
import type { Sentence } from "./sentences.js";

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
}

const NUM = NUMBER_SOURCE;
const NUMBER_RE = new RegExp(`(?<![\\p{L}\\p{N}.,])${NUM}`, "giu");
const WORD_NUMBER_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(NUMBER_WORDS).join("|")})(?![\\p{L}])`, "giu");
const TIME_FRAME_BEFORE =
  /(?:within|after|over|for|during|every|each|past|next|last|first|in the)\s+(?:the\s+|a\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$/i;
const TIME_FRAME_AFTER =
  /^\s*(?:later|afterwards|after|in|into|of (?:the )?(?:project|pilot|rollout|trial))\b/i;
const CLAIM_WINDOW = 40;
const PAIR_HINT = /from|->|→|=>|>|before|now|today/i;
const YEAR = /^(?:19[5-9]\d|20[0-4]\d)$/;

const CHANGE_NOUN =
  "(?:reduction|decrease|drop|cut|improvement|increase|gain|rise|jump|lower|fewer|less|more|higher|faster|better|shorter|savings?|decline|fall|uplift|boost|lift)";
const QUALIFIER =
  "(?:about|around|nearly|almost|over|more than|roughly|approximately|some|~|just over|just under)?\\s*";

function unitAt(
  units: Map<number, { kind: Exclude<UnitKind, "scale" | "money">; end: number }>,
  text: string,
  from: number,
) {
  let i = from;
  while (text[i] === " " || text[i] === "-") i++;
  return units.get(i);
}

/** Finds quantities (with units and kinds) in one sentence. */
export function findQuantities(sentence: Sentence, scan: Scan): Quantity[] {
  const text = sentence.norm;
  const units = new Map<number, { kind: Exclude<UnitKind, "scale" | "money">; end: number }>();
  for (const kind of ["rate", "duration", "count", "ratio", "percent"] as const) {
    for (const hit of scan.hits(unitList(kind)))
      if (!units.has(hit.start)) units.set(hit.start, { kind, end: hit.end });
  }
  const out: Quantity[] = [];
  const push = (start: number, end: number, value: number, kind: QuantityKind) => {
    const timeFrame =
      kind === "duration" &&
      (TIME_FRAME_BEFORE.test(text.slice(Math.max(0, start - 24), start)) ||
        TIME_FRAME_AFTER.test(text.slice(end, end + 30)));
    out.push({
      sentence: sentence.index,
      start,
      end,
      text: sentence.text.slice(start, end),
      value,
      kind,
      timeFrame,
    });
  };
  for (const m of text.matchAll(NUMBER_RE)) {
    const parsed = parseNumber(m[0]);
    if (!parsed) continue;
    let end = m.index + m[0].length;
    let kind: QuantityKind = parsed.percent ? "percent" : parsed.money ? "money" : "number";
    if (kind === "number") {
      const unit = unitAt(units, text, end);
      if (unit) {
        kind = unit.kind === "percent" ? "percent" : unit.kind;
        end = unit.end;
        if (kind === "count" || kind === "duration") {
          const rate = unitAt(units, text, end);
          if (rate?.kind === "rate") {
            kind = "rate";
            end = rate.end;
          }
        }
      } else if (YEAR.test(m[0].trim())) continue;
    }
    push(m.index, end, parsed.value, kind);
  }
  for (const m of text.matchAll(WORD_NUMBER_RE)) {
    const unit = unitAt(units, text, m.index + m[0].length);
    if (!unit || (unit.kind !== "duration" && unit.kind !== "count")) continue;
    push(m.index, unit.end, NUMBER_WORDS[m[0].toLowerCase()] ?? 0, unit.kind);
  }
  return out.sort((a, b) => a.start - b.start);
}

function num(raw: string | undefined) {
  return raw ? parseNumber(raw) : null;
}

const PAIR_PATTERNS: ReadonlyArray<{ re: RegExp; reversed: boolean }> = [
  {
    re: new RegExp(
      `from\\s+${QUALIFIER}(${NUM})(?:\\s+[\\p{L}/-]+){0,4}?\\s*(?:to|down to|up to|->|→|=>)\\s+${QUALIFIER}(${NUM})`,
      "giu",
    ),
    reversed: false,
  },
  { re: new RegExp(`(${NUM})(?:\\s*[\\p{L}/]+){0,2}\\s*(?:->|→|=>|>)\\s*(${NUM})`, "giu"), reversed: false },
  {
    re: new RegExp(
      `(${NUM})(?:\\s+[\\p{L}/-]+){0,4}?,?\\s+(?:down|up)\\s+from\\s+${QUALIFIER}(${NUM})`,
      "giu",
    ),
    reversed: true,
  },
  {
    re: new RegExp(
      `before[:\\s]+(?:[\\p{L}-]+\\s+){0,3}?(${NUM}).{0,60}?after[:\\s]+(?:[\\p{L}-]+\\s+){0,3}?(${NUM})`,
      "giu",
    ),
    reversed: false,
  },
  {
    re: new RegExp(
      `(?:was|were|had been|used to be|used to take)\\s+${QUALIFIER}(${NUM}).{0,60}?(?:is now|are now|now|today it is|today)\\s+(?:[\\p{L}-]+\\s+){0,2}?${QUALIFIER}(${NUM})`,
      "giu",
    ),
    reversed: false,
  },
];
const CLAIM_PATTERNS: readonly RegExp[] = [
  new RegExp(`(${NUM})\\s+${CHANGE_NOUN}`, "giu"),
  new RegExp(`by\\s+${QUALIFIER}(${NUM})`, "giu"),
];
const RATIO_WORDS: Record<string, number> = {
  halved: 0.5,
  "cut in half": 0.5,
  doubled: 2,
  tripled: 3,
  quadrupled: 4,
};
const RATIO_RE = /\b(halved|cut in half|doubled|tripled|quadrupled)\b/gi;

/**
 * Finds before→after pairs ("from 14 days to 6", "82% → 95%", "38 hours, down from 72") and changes
 * stated with their base ("cut scrap by 30%", "a 25% reduction", "halved").
 */
export function findChanges(sentence: Sentence, scan: Scan): Change[] {
  const text = sentence.norm;
  const changes: Change[] = [];
  const numbers = text.match(/\d+/g)?.length ?? 0;
  RATIO_RE.lastIndex = 0;
  if (numbers === 0 && !RATIO_RE.test(text)) return changes;
  const claims: Array<{ value: number; percent: boolean; at: number }> = [];
  for (const re of CLAIM_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const parsed = num(m[1]);
      if (!parsed) continue;
      // "by 30%" counts only after a verb of change; "by 5 pm" or "by 2022" is not a change.
      if (
        re === CLAIM_PATTERNS[1] &&
        !scan.hits("result_verbs").some((h) => h.start < m.index && h.start >= m.index - 60)
      )
        continue;
      claims.push({ value: parsed.value, percent: parsed.percent, at: m.index });
    }
  }
  // A claim belongs to a pair only in the same clause: right after it ("to 8, a 50% cut") or right
  // before it ("by 50%, from 12 to 8"), with no other verb of change in between.
  const verbs = scan.hits("result_verbs");
  const claimFor = (start: number, end: number) => {
    const near = claims.filter((c) => {
      if (!c.percent) return false;
      const [from, to] = c.at >= end ? [end, c.at] : [c.at, start];
      if (to - from > CLAIM_WINDOW || (c.at < end && c.at > start)) return false;
      return !verbs.some((h) => h.start > from && h.start < to);
    });
    return near.sort((a, b) => Math.abs(a.at - start) - Math.abs(b.at - start))[0]?.value ?? null;
  };
  const ratio =
    [...text.matchAll(RATIO_RE)].map((m) => RATIO_WORDS[(m[1] ?? "").toLowerCase()] ?? null)[0] ?? null;
  const covered: Array<[number, number]> = [];
  // Every pair shape needs one of these words or arrows; most sentences have none.
  const pairable = numbers >= 2 && PAIR_HINT.test(text);
  for (const { re, reversed } of pairable ? PAIR_PATTERNS : []) {
    for (const m of text.matchAll(re)) {
      if (covered.some(([s, e]) => m.index < e && m.index + m[0].length > s)) continue;
      const a = num(m[1]);
      const b = num(m[2]);
      if (!a || !b || a.value === b.value) continue;
      const [before, after] = reversed ? [b, a] : [a, b];
      covered.push([m.index, m.index + m[0].length]);
      changes.push({
        sentence: sentence.index,
        text: sentence.text.slice(m.index, m.index + m[0].length),
        before: before.value,
        after: after.value,
        percent: before.percent || after.percent,
        claimedPercent: claimFor(m.index, m.index + m[0].length),
        claimedRatio: ratio,
      });
    }
  }
  if (changes.length === 0) {
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
      });
    }
  }
  return changes;
}
