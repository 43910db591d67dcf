/** A number as written in an answer: "$1.2M", "14", "95%", "3,400", "2.5k". */
export const NUMBER_SOURCE = String.raw`(?:[$€£][ ]?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[ ]?(?:k|m|mm|bn|million|billion|thousand)(?![\p{L}\p{N}]))?(?:[ ]?(?:%|percent(?![\p{L}])|per cent))?`;

export interface ParsedNumber {
  value: number;
  percent: boolean;
  money: boolean;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

export function parseNumber(raw: string): ParsedNumber | null {
  const m =
    /^([$€£])?\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(k|m|mm|bn|million|billion|thousand)?\s?(%|percent|per cent)?$/i.exec(
      raw.trim(),
    );
  if (!m?.[2]) return null;
  const base = Number(m[2].replace(/,/g, ""));
  if (!Number.isFinite(base)) return null;
  const scale = m[3] ? (SCALE[m[3].toLowerCase()] ?? 1) : 1;
  return { value: base * scale, percent: Boolean(m[4]), money: Boolean(m[1]) };
}

// English number words are grammar, not vocabulary: they live here, not in the lexicon.
const ONES: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

/** Small number words, for "three days" or "two sites". */
export const NUMBER_WORDS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(ONES).filter(([w]) => w !== "zero")),
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
/** Denominators: "two thirds", "a quarter of", "one fifth". */
const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  eighth: 8,
  eighths: 8,
  tenth: 10,
  tenths: 10,
};
/** "once a week", "twice a day": a count when a rate follows. */
export const TIMES_WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3 };

/** Whether a word can start a number written in words ("a" and "an" only before a scale or a fraction). */
export function startsWordNumber(word: string): boolean {
  return STARTERS.has(word);
}
const STARTERS = new Set([
  ...Object.keys(ONES),
  ...Object.keys(TEENS),
  ...Object.keys(TENS),
  "a",
  "an",
  "half",
]);

export interface WordNumber {
  value: number;
  /** Index of the first word after the number. */
  next: number;
  /** A fraction ("two thirds", "a quarter", "half"): a share of something, or a part of a unit. */
  fraction: boolean;
}

type Last = "none" | "a" | "ones" | "teen" | "tens" | "hundred" | "scale" | "and";

/**
 * Reads a number written in words from words[i]: "fifteen", "twenty-five" (as "twenty", "five"), "a
 * hundred and twenty", "two thousand five hundred", "a dozen", "half a dozen", "two and a half", "two
 * thirds", "a quarter". Each word is read once, so a text is read in linear time. Words are lowercase.
 */
export function readWordNumber(words: ArrayLike<string>, i: number): WordNumber | null {
  const at = (k: number) => (k < words.length ? (words[k] as string) : "");
  let j = i;
  const w0 = at(j);
  if (w0 === "a" || w0 === "an") {
    const w1 = at(j + 1);
    if (w1 === "half" || (w1 in DENOMINATORS && !w1.endsWith("s"))) {
      return { value: 1 / (DENOMINATORS[w1] as number), next: j + 2, fraction: true };
    }
    if (!(w1 in SCALES) && w1 !== "hundred" && w1 !== "dozen") return null;
  }
  if (w0 === "half") {
    if ((at(j + 1) === "a" || at(j + 1) === "an") && at(j + 2) === "dozen")
      return { value: 6, next: j + 3, fraction: false };
    return { value: 0.5, next: j + 1, fraction: true };
  }
  let total = 0;
  let group = 0;
  let last: Last = "none";
  let read = false;
  for (;;) {
    const w = at(j);
    if (w === "a" || w === "an") {
      if (last !== "none") break;
      group = 1;
      last = "a";
      j++;
      continue;
    }
    if (w in ONES) {
      if (last === "ones" || last === "teen" || last === "a") break;
      group += ONES[w] as number;
      last = "ones";
    } else if (w in TEENS) {
      if (last === "ones" || last === "teen" || last === "tens" || last === "a") break;
      group += TEENS[w] as number;
      last = "teen";
    } else if (w in TENS) {
      if (last === "ones" || last === "teen" || last === "tens" || last === "a") break;
      group += TENS[w] as number;
      last = "tens";
    } else if (w === "hundred") {
      if (last !== "ones" && last !== "a") break;
      if (group % 100 >= 10 || group % 100 === 0) break;
      group = group - (group % 100) + (group % 100) * 100;
      last = "hundred";
    } else if (w in SCALES) {
      if (!read && last !== "a") break;
      if (last === "scale" || last === "and") break;
      total += (group || 1) * (SCALES[w] as number);
      group = 0;
      last = "scale";
    } else if (w === "dozen") {
      if (last !== "ones" && last !== "a" && last !== "teen" && last !== "tens") break;
      group = (group || 1) * 12;
      read = true;
      j++;
      break;
    } else if (w === "and" && (last === "hundred" || last === "scale")) {
      const n = at(j + 1);
      if (!(n in ONES || n in TEENS || n in TENS)) break;
      last = "and";
      j++;
      continue;
    } else break;
    read = true;
    j++;
  }
  if (!read) return null;
  let value = total + group;
  let fraction = false;
  const after = at(j);
  // "two thirds", "one quarter": a small number over a denominator.
  if (after in DENOMINATORS && value >= 1 && value < 10 && total === 0 && after !== "half") {
    const plural = after.endsWith("s");
    if (plural ? value > 1 : value === 1) {
      value /= DENOMINATORS[after] as number;
      fraction = true;
      j++;
    }
  } else if (after === "and" && at(j + 1) === "a" && at(j + 2) === "half") {
    value += 0.5;
    j += 3;
  }
  return { value, next: j, fraction };
}

/** A number found by `findNumber`: offsets in the text and what it says. */
export interface NumberMatch {
  start: number;
  end: number;
  value: number;
  percent: boolean;
  money: boolean;
  /** Digits only: no currency, separator, decimals, scale or percent ("2019", "14"). */
  plain: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const ASCII_WORD = /[A-Za-z0-9]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined) =>
  ch !== undefined && (ch.charCodeAt(0) < 128 ? ASCII_WORD.test(ch) : WORD_CHAR.test(ch));
const CURRENCY = new Set(["$", "€", "£"]);
const SCALE_WORDS = new Set(["k", "m", "mm", "bn", "million", "billion", "thousand"]);

/** Reads a scale word ("k", "million") at i, past one optional space. */
function scaleAt(text: string, i: number): { end: number; scale: number } | null {
  let j = text[i] === " " ? i + 1 : i;
  const first = text[j];
  if (first === undefined || !"kKmMbBtT".includes(first)) return null;
  const from = j;
  while (j < text.length && j - from <= 8 && /[A-Za-z]/.test(text[j] as string)) j++;
  if (j === from || isWordChar(text[j])) return null;
  const word = text.slice(from, j).toLowerCase();
  return SCALE_WORDS.has(word) ? { end: j, scale: SCALE[word] ?? 1 } : null;
}

/** Reads a percent sign or word at i, past one optional space: its end, or -1. */
function percentAt(text: string, i: number): number {
  const j = text[i] === " " ? i + 1 : i;
  if (text[j] === "%") return j + 1;
  if (text[j] !== "p" && text[j] !== "P") return -1;
  const word = text.slice(j, j + 8).toLowerCase();
  if (word.startsWith("percent") && !/\p{L}/u.test(text[j + 7] ?? "")) return j + 7;
  if (word === "per cent") return j + 8;
  return -1;
}

/**
 * Finds the next number written in digits at or after `from`, as NUMBER_SOURCE reads it ("$1.2M",
 * "3,400", "95%", "2.5k"), never inside a word ("Q3", "B2B"). Fills `out` and returns true, or returns
 * false when there is none. A hand-written scanner: one pass, no backtracking, nothing allocated for
 * a plain number.
 */
export function findNumber(text: string, from: number, out: NumberMatch): boolean {
  const n = text.length;
  let i = from;
  while (i < n) {
    const ch = text[i] as string;
    const c = text.charCodeAt(i);
    const currency = CURRENCY.has(ch);
    if (!currency && !isDigit(c)) {
      i++;
      continue;
    }
    const prev = text[i - 1];
    if (prev !== undefined && (prev === "." || prev === "," || isWordChar(prev))) {
      i++;
      // A currency sign glued to a word ("a$5") still leaves the digits after it to read.
      if (currency) continue;
      // Inside a word or a number: skip the rest of this run of digits.
      while (
        i < n &&
        (isDigit(text.charCodeAt(i)) ||
          ((text[i] === "." || text[i] === ",") && isDigit(text.charCodeAt(i + 1))))
      )
        i++;
      continue;
    }
    let j = i;
    if (currency) {
      j++;
      if (text[j] === " ") j++;
      if (!isDigit(text.charCodeAt(j))) {
        i++;
        continue;
      }
    }
    const digitsStart = j;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    let intEnd = j;
    let separators = false;
    if (j - digitsStart <= 3) {
      let g = j;
      while (
        text[g] === "," &&
        isDigit(text.charCodeAt(g + 1)) &&
        isDigit(text.charCodeAt(g + 2)) &&
        isDigit(text.charCodeAt(g + 3))
      )
        g += 4;
      if (g > j) {
        intEnd = g;
        separators = true;
      }
    }
    let end = intEnd;
    let decimals = false;
    if (text[end] === "." && isDigit(text.charCodeAt(end + 1))) {
      end += 2;
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      decimals = true;
    }
    let value = 0;
    if (separators || decimals) value = Number(text.slice(digitsStart, end).replace(/,/g, ""));
    else for (let k = digitsStart; k < end; k++) value = value * 10 + (text.charCodeAt(k) - 48);
    const scale = scaleAt(text, end);
    if (scale) {
      value *= scale.scale;
      end = scale.end;
    }
    const percentEnd = percentAt(text, end);
    if (percentEnd >= 0) end = percentEnd;
    out.start = i;
    out.end = end;
    out.value = value;
    out.percent = percentEnd >= 0;
    out.money = currency;
    out.plain = !currency && !separators && !decimals && !scale && percentEnd < 0;
    if (Number.isFinite(value)) return true;
    i = end;
  }
  return false;
}
