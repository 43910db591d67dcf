import { blank, MAX_MENTIONS, type Mention } from "./mention.js";
import type { Reader } from "./mention-reader.js";
import { attachUnit, normalizeUnit, unitKindOfWord } from "./mention-units.js";
import { readWordNumber, startsWordNumber, TIMES_WORDS } from "./numbers.js";
import type { Token } from "./phrases.js";

// Grammar words, not vocabulary: when "one" and "half" are not amounts, and when a fraction is a share.
const NOT_ONE_BEFORE = new Set([
  "no",
  "the",
  "this",
  "that",
  "each",
  "every",
  "any",
  "which",
  "another",
  "only",
]);
const NOT_ONE_AFTER = new Set(["of", "another", "thing", "way", "who", "that", "which"]);
const NOT_HALF_BEFORE = new Set(["first", "second", "other", "back", "front", "latter", "last", "the", "in"]);
const SHARE_AFTER = new Set(["of", "the", "our", "my", "their", "its", "all", "his", "her"]);

interface Part {
  word: string;
  start: number;
  end: number;
  token: number;
}

/** Words that make "a" or "an" a number: "a hundred", "a dozen", "a third". */
const A_NUMBER = new Set([
  "hundred",
  "thousand",
  "million",
  "billion",
  "dozen",
  "half",
  "third",
  "quarter",
  "fifth",
  "tenth",
]);
/** Verbs after which "a day", "a week" is how long something takes: "refunds now take a week". */
const TAKES = new Set(["take", "takes", "took", "taking", "taken", "lasts", "lasted"]);

/** "take a week", "took about an hour": one unit of time, after a verb of taking. */
function spanTaken(r: Reader, k: number, token: Token): Mention | null {
  const unit = r.nounAt(k + 1);
  if (unit?.kind !== "duration") return null;
  if (!TAKES.has(r.before(r.skipQualifiers(k, token.start), token.start))) return null;
  const m = blank(token.start, unit.end, 1);
  Object.assign(m, { kind: "duration", unit: normalizeUnit(unit.text), words: true });
  return withTokens(m, k, r);
}

/** The longest number in words read: "two hundred and fifty three thousand four hundred and twelve". */
const MAX_NUMBER_WORDS = 16;
const FEW_NUMBER_WORDS = 6;
/** Words that can go on a number in words: "twenty five", "a hundred and", "two thirds", "one and a half". */
const CONTINUES = new Set([
  ...["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
  ...["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty"],
  ...["forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion"],
  ...["dozen", "and", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"],
]);

/** The words of tokens k, k+1, ... (hyphenated ones split: "twenty-five"), at most `max` of them. */
function partsFrom(tokens: readonly Token[], k: number, max: number): Part[] {
  const parts: Part[] = [];
  for (let i = k; i < tokens.length && parts.length < max; i++) {
    const t = tokens[i] as Token;
    if (!t.word.includes("-")) {
      parts.push({ word: t.word, start: t.start, end: t.end, token: i });
      continue;
    }
    let at = t.start;
    for (const w of t.word.split("-")) {
      if (w) parts.push({ word: w, start: at, end: at + w.length, token: i });
      at += w.length + 1;
    }
  }
  return parts;
}

/** Numbers in words: "fifteen", "twenty-five", "a hundred and twenty", "a dozen", "two thirds", "half". */
export function wordMentions(r: Reader, digits: readonly Mention[]): Mention[] {
  const { tokens, lex } = r;
  const out: Mention[] = [];
  let d = 0;
  for (let k = 0; k < tokens.length && out.length < MAX_MENTIONS; k++) {
    const token = tokens[k] as Token;
    while (d < digits.length && (digits[d] as Mention).end <= token.start) d++;
    const digit = digits[d];
    if (digit && digit.start <= token.start) continue;
    const dash = token.word.indexOf("-");
    const head = dash < 0 ? token.word : token.word.slice(0, dash);
    if (!startsWordNumber(head) && !(head in TIMES_WORDS)) continue;
    if ((head === "a" || head === "an") && !A_NUMBER.has(r.word(k + 1))) {
      const span = spanTaken(r, k, token);
      if (span) out.push(span);
      continue;
    }
    // Most numbers in words are one to three words: read a few, and more only when they all were.
    const more = token.word.includes("-") || CONTINUES.has(r.word(k + 1));
    let parts = partsFrom(tokens, k, more ? FEW_NUMBER_WORDS : 3);
    let words = parts.map((x) => x.word);
    const probe = readWordNumber(words, 0);
    if (more && probe && probe.next >= parts.length - 3 && parts.length === FEW_NUMBER_WORDS) {
      parts = partsFrom(tokens, k, MAX_NUMBER_WORDS);
      words = parts.map((x) => x.word);
    }
    const part = parts[0] as Part;
    const w = part.word;
    const prevWord = r.before(k, part.start);
    if (w in TIMES_WORDS) {
      // "twice a week": a count of times per period.
      const rate = r.unitAt(part.end);
      if (rate?.kind !== "rate") continue;
      const m = blank(part.start, rate.end, TIMES_WORDS[w] as number);
      // A frequency ("we met twice a week") tells a habit, not a measure: only the end of a change.
      Object.assign(m, { kind: "rate", per: normalizeUnit(rate.text), words: true, bare: true });
      out.push(withTokens(m, part.token, r));
      continue;
    }
    const read = readWordNumber(words, 0);
    if (!read) continue;
    let { next, value, fraction } = read;
    const lastWord = words[next - 1] ?? "";
    // "a quarter", "three quarters": the unit quarter, unless "of" follows ("a quarter of the orders").
    if (fraction && lastWord.startsWith("quarter") && words[next] !== "of" && prevWord !== "by") {
      // "in a quarter" tells when, like "in a month"; "three quarters" counts them.
      if (lastWord === "quarter") {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      value = Math.round(value * 4);
      fraction = false;
      next -= 1;
    }
    const startPart = part;
    const endPart = parts[next - 1] as Part;
    const m = blank(startPart.start, endPart.end, value);
    m.words = true;
    const following = parts[next];
    if (fraction) {
      if (w === "half" && NOT_HALF_BEFORE.has(prevWord)) {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      const after = following?.word ?? "";
      const skipTo = r.skipQualifiers(part.token, part.start);
      if (SHARE_AFTER.has(after) && (w !== "a" || after === "of")) {
        // "half of the orders", "two thirds of our SKUs": a share, a level unless of a target or plan.
        m.kind = "percent";
        m.percent = true;
        m.value = value * 100;
        m.relative = after !== "of" || r.againstReference((following as Part).token + 1);
      } else if (r.before(skipTo, part.start) === "by") {
        m.kind = "percent";
        m.percent = true;
        m.value = value * 100;
      } else if (w === "half" && (after === "a" || after === "an") && following) {
        // "half a day", "half an hour".
        const unit = r.nounAt(following.token + 1);
        if (!unit) {
          k = (parts[next - 1] as Part).token;
          continue;
        }
        m.kind = unit.kind === "count" ? "count" : "duration";
        m.unit = normalizeUnit(unit.text);
        m.end = unit.end;
      } else {
        k = (parts[next - 1] as Part).token;
        continue;
      }
      out.push(withTokens(m, part.token, r));
      k = (parts[next - 1] as Part).token;
      continue;
    }
    if (value === 1 && next === 1 && w === "one") {
      const after = following?.word ?? "";
      const atStart = prevWord === "" || prevWord === "and" || prevWord === "but" || prevWord === "then";
      const unit = r.unitAt(part.end);
      if (
        NOT_ONE_BEFORE.has(prevWord) ||
        NOT_ONE_AFTER.has(after) ||
        (atStart && unit?.kind === "duration")
      ) {
        continue;
      }
    }
    if (following && following.token === endPart.token) {
      // "three-day": a unit joined by a hyphen; "one-off", "two-way": not an amount.
      const kind = unitKindOfWord(lex, following.word);
      if (kind === "duration" || kind === "count") {
        m.kind = kind;
        m.unit = normalizeUnit(following.word);
        m.end = following.end;
      } else m.label = "code";
    } else {
      attachUnit(r, m, endPart.end);
      if (m.kind === "number") m.bare = true;
    }
    out.push(withTokens(m, part.token, r));
    k = (parts[next - 1] as Part).token;
  }
  return out;
}

function withTokens(m: Mention, first: number, r: Reader): Mention {
  m.first = first;
  m.last = r.tokenFrom(m.end, first);
  return m;
}
