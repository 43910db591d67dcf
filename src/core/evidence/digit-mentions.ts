import { blank, MAX_MENTIONS, type Mention } from "./mention.js";
import { LETTER, type Reader } from "./mention-reader.js";
import { attachUnit, DIGIT, normalizeUnit, unitKindOfWord } from "./mention-units.js";
import { findNumber, type NumberMatch } from "./numbers.js";

/** Numbers in digits, with what is glued to them ("3rd", "24h", "5S", "14-hour"). */
export function digitMentions(r: Reader): Mention[] {
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
