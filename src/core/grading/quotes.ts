/**
 * Finds a model's quote in the answer and returns the answer's own text for it, so stored evidence is
 * always a verbatim substring of the answer. Matching forgives case, runs of white space, curly quotes
 * and dash styles; nothing else.
 */

import { type Span, windowAround } from "./evidence-quotes.js";

const MIN_QUOTE_CHARS = 12;
const MIN_QUOTE_WORDS = 3;
const MAX_QUOTE_CHARS = 300;
/** Where a quote skips words; the parts are trimmed where they are looked up. */
const ELLIPSIS = /\.\.\.|\u2026/;

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  // ASCII, most of any answer, without the regular expressions: white space, the backquote, A-Z.
  if (code < 128) {
    if (code === 32 || (code >= 9 && code <= 13)) return " ";
    if (code === 96) return "'";
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  }
  if (/\s/.test(ch)) return " ";
  if (/[\u2018\u2019\u201A\u2032`]/.test(ch)) return "'";
  if (/[\u201C\u201D\u201E\u2033]/.test(ch)) return '"';
  if (/[\u2010-\u2015\u2212]/.test(ch)) return "-";
  return ch.toLowerCase();
}

interface Folded {
  text: string;
  /** For each folded character, the index of the answer character it came from. */
  source: number[];
}

/** One pass, joined once: `out.endsWith` on a growing string flattened it every character (quadratic). */
function foldText(text: string): Folded {
  const out: string[] = [];
  const source: number[] = [];
  let afterSpace = false;
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    if (!(f === " " && afterSpace)) {
      for (let k = 0; k < f.length; k++) source.push(i);
      out.push(f);
      afterSpace = f === " ";
    }
    i += ch.length;
  }
  return { text: out.join(""), source };
}

/** The figure a long quote should keep: a before→after pair, else the first percentage or amount, else a number. */
function figureIn(text: string): Span | null {
  const m =
    /\bfrom\s+[$€£]?\d[\d,.]*\S*(?:\s+\S+){0,4}?\s+to\s+[$€£]?\d[\d,.]*%?/i.exec(text) ??
    /[$€£]\s?\d[\d,.]*(?:\s?(?:k|m|million|bn|billion)\b)?|\d[\d,.]*\s?(?:%|percent\b)/i.exec(text) ??
    /\d[\d,.]*/.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** `"I piloted it"` → `I piloted it`: models often wrap a quote in quotation marks. */
function unwrap(text: string): string {
  const m = /^["'\u201C\u2018]([\s\S]*)["'\u201D\u2019]$/.exec(text);
  return m?.[1] ?? text;
}

export interface QuoteFinder {
  /** The answer's own text for a quote, or null when the answer does not contain it. */
  find(quote: string): string | null;
}

export function quoteFinder(answer: string): QuoteFinder {
  const folded = foldText(answer);
  const locate = (fragment: string): string | null => {
    const q = foldText(unwrap(fragment.trim())).text.trim();
    if (q.length < MIN_QUOTE_CHARS || q.split(" ").length < MIN_QUOTE_WORDS) return null;
    const at = folded.text.indexOf(q);
    if (at < 0) return null;
    const start = folded.source[at] ?? 0;
    const last = folded.source[at + q.length - 1] ?? start;
    const end = last + ((answer.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
    const text = answer.slice(start, end);
    if (text.length <= MAX_QUOTE_CHARS) return text;
    // Too long: keep the window around its figure ("from 84% to 98%"), not the opening words.
    const w = windowAround(text, MAX_QUOTE_CHARS, figureIn(text));
    return text.slice(w.start, w.end);
  };
  return {
    find(quote) {
      const whole = locate(quote);
      if (whole) return whole;
      // "I mapped ... and found": keep the first side of the ellipsis that the answer holds as such.
      const parts = quote.split(ELLIPSIS).map(locate);
      return parts.length > 1 ? (parts.find((p) => p !== null) ?? null) : null;
    },
  };
}
