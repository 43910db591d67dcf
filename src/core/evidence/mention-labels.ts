import type { Mention } from "./mention.js";
import { type Reader, sticky } from "./mention-reader.js";
import type { Token } from "./phrases.js";

// Grammar words, not vocabulary: how English marks a name, a date or a time of day.
const AM_PM = /\s*[ap]\.m\b/iy;
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

/** "March", "Sept"; "may" only as a name ("it may 5" is not a date). */
function isMonth(r: Reader, w: string, t: Token | undefined): boolean {
  return MONTHS.has(w) && (w !== "may" || /\p{Lu}/u.test(r.text[t?.start ?? 0] ?? ""));
}

/** Names, years, dates and times of day: numbers that measure nothing. */
export function markLabels(r: Reader, m: Mention) {
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
