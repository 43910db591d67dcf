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

/**
 * The most numbers read in one sentence. A sentence of more is a list of numbers, not a story (the
 * salad check gives it nothing); the bound keeps the time per sentence small whatever is pasted in.
 */
export const MAX_MENTIONS = 4_000;

const NO_METRICS: string[] = [];

/** A mention of a number with nothing yet known of it but its offsets and value. */
export function blank(start: number, end: number, value: number): Mention {
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
