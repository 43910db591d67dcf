import { NUMBER_SOURCE, parseNumber, readWordNumber, startsWordNumber } from "../evidence/numbers.js";

/** A word or a figure of a story, lowercase. One pass over the text; no expression backtracks. */
export interface Token {
  /** The word as written (lowercase), or the figure's text. */
  text: string;
  /** Set on figures: the value, and whether it is a percentage or an amount of money. */
  figure?: { value: number; percent: boolean; money: boolean };
}

const TOKEN = new RegExp(`${NUMBER_SOURCE}|[\\p{L}][\\p{L}\\p{N}&']*`, "gu");
const DIGIT = /^[$€£\d]/;

/** Words and figures in reading order; number words ("forty", "a dozen") are read as figures. */
export function tokenize(text: string): Token[] {
  const raw: string[] = [];
  for (const m of text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .matchAll(TOKEN))
    raw.push(m[0].replace(/'s$/, ""));
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i] as string;
    if (DIGIT.test(w)) {
      const n = parseNumber(w);
      out.push(n ? { text: w, figure: n } : { text: w });
      continue;
    }
    const n = startsWordNumber(w) ? readWordNumber(raw, i) : null;
    if (n && !n.fraction && n.next > i) {
      out.push({
        text: raw.slice(i, n.next).join(" "),
        figure: { value: n.value, percent: false, money: false },
      });
      i = n.next - 1;
      continue;
    }
    out.push({ text: w });
  }
  return out;
}
