import { PhraseIndex } from "../evidence/phrases.js";
import type { PostingVocab } from "./schema.js";

export const SCOPE_LEVELS = ["mid", "senior", "executive"] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** What the posting says about the size of the role, as its own words. */
export interface ScopeSignals {
  phrases: Record<ScopeLevel, string[]>;
  /** The largest money amount named ("$40M"), in units of the currency, with its text. */
  money: Sized | null;
  /** The most people the role leads or the site employs. */
  people: Sized | null;
  /** The most sites named ("4 plants"). */
  sites: Sized | null;
}

export interface Sized {
  value: number;
  text: string;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  dozens: 24,
};

// Each quantifier is bounded or over a class its neighbour cannot match: linear on any text.
const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d{1,9}(?:\.\d{1,3})?)`;
const MONEY = new RegExp(
  String.raw`[$€£]\s?${NUM}\s?(billion|million|thousand|bn|mm|mn|[kmb])?(?![\p{L}\p{N}])`,
  "giu",
);
const PEOPLE_AFTER = new RegExp(
  String.raw`${NUM}\+?\s(?:full-time\s|hourly\s|salaried\s|frontline\s|front-line\s)?(employees|associates|team members|people|staff|operators|workers|ftes?|direct reports|colleagues|union employees|team mates|teammates)\b`,
  "giu",
);
const PEOPLE_BEFORE = new RegExp(
  String.raw`\b(?:team|workforce|organi[sz]ation|headcount|staff)\sof\s(?:over\s|more than\s|about\s|approximately\s|nearly\s|~)?${NUM}\+?`,
  "giu",
);
const SITES =
  /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozens)\+?\s(?:[\p{L}-]{1,20}\s)?(sites|plants|facilities|factories|distribution cent(?:er|re)s|dcs|warehouses|fulfil?ment cent(?:er|re)s|locations|branches|depots|mills)\b/giu;

/** Money is the role's scope only beside a word of what it pays for: "$2B in revenue" is the company's size. */
const BUDGET_WORDS = /budget|p\s?&\s?l|spend|capex|opex|capital|cost|expense|profit and loss/i;
const BUDGET_REACH = 80;

const budgetNear = (text: string, m: RegExpMatchArray): boolean =>
  BUDGET_WORDS.test(
    text.slice(Math.max(0, (m.index ?? 0) - BUDGET_REACH), (m.index ?? 0) + m[0].length + BUDGET_REACH),
  );

const toNumber = (digits: string): number => Number(digits.replace(/,/g, ""));

function largest(
  text: string,
  re: RegExp,
  value: (m: RegExpMatchArray) => number,
  keep: (m: RegExpMatchArray) => boolean = () => true,
): Sized | null {
  let best: Sized | null = null;
  for (const m of text.matchAll(re)) {
    if (!keep(m)) continue;
    const v = value(m);
    if (Number.isFinite(v) && (!best || v > best.value)) best = { value: v, text: m[0].trim() };
  }
  return best;
}

const compiled = new WeakMap<PostingVocab, PhraseIndex>();

export function readScope(text: string, vocab: PostingVocab): ScopeSignals {
  let index = compiled.get(vocab);
  if (!index) {
    index = new PhraseIndex(SCOPE_LEVELS.map((l) => [l, vocab.scope[l].phrases] as const));
    compiled.set(vocab, index);
  }
  const scan = index.scan(text);
  const unique = (level: ScopeLevel) => [
    ...new Map(scan.hits(level).map((h) => [h.text.toLowerCase(), h.text])).values(),
  ];
  return {
    phrases: { mid: unique("mid"), senior: unique("senior"), executive: unique("executive") },
    money: largest(
      text,
      MONEY,
      (m) => toNumber(m[1] ?? "") * (SCALE[(m[2] ?? "").toLowerCase()] ?? 1),
      (m) => budgetNear(text, m),
    ),
    people: maxOf(
      largest(text, PEOPLE_AFTER, (m) => toNumber(m[1] ?? "")),
      largest(text, PEOPLE_BEFORE, (m) => toNumber(m[1] ?? "")),
    ),
    sites: largest(text, SITES, (m) => {
      const n = (m[1] ?? "").toLowerCase();
      return NUMBER_WORDS[n] ?? toNumber(n);
    }),
  };
}

function maxOf(a: Sized | null, b: Sized | null): Sized | null {
  if (!a) return b;
  if (!b) return a;
  return b.value > a.value ? b : a;
}

/** The signals of one level's scope: the phrases at that level or above, and each size over its floor. */
export function signalsAt(level: ScopeLevel, signals: ScopeSignals, vocab: PostingVocab): string[] {
  const rank = SCOPE_LEVELS.indexOf(level);
  const floor = vocab.scope[level];
  const out = SCOPE_LEVELS.slice(rank).flatMap((l) => signals.phrases[l]);
  if (signals.money && signals.money.value >= floor.money_at_least) out.push(signals.money.text);
  if (signals.people && signals.people.value >= floor.people_at_least) out.push(signals.people.text);
  if (signals.sites && signals.sites.value >= floor.sites_at_least) out.push(signals.sites.text);
  return out;
}

/** How many signals a level's scope needs. */
export const SCOPE_MIN_SIGNALS = 2;

/** The highest level whose scope the posting shows, with its signals; null when none. */
export function scopeLevel(
  signals: ScopeSignals,
  vocab: PostingVocab,
): { level: ScopeLevel; evidence: string[] } | null {
  for (const level of [...SCOPE_LEVELS].reverse()) {
    const evidence = signalsAt(level, signals, vocab);
    if (evidence.length >= SCOPE_MIN_SIGNALS) return { level, evidence };
  }
  return null;
}
