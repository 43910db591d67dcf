import type { Mention } from "./mention.js";
import type { Reader } from "./mention-reader.js";

/** The one word or sign between two figures ("to", "-", "or", "and", "per"), lowercase; "" for more. */
function gapWord(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && text[a] === " ") a++;
  while (b > a && text[b - 1] === " ") b--;
  if (b - a > 3) return "";
  for (let i = a; i < b; i++) if (text[i] === " ") return "";
  return text.slice(a, b).toLowerCase();
}

/** "one in three", "4 out of 5": a count of a count, both plain numbers, the first no larger. */
function proportion(r: Reader, a: Mention, b: Mention, gap: string): boolean {
  const plain = (m: Mention) =>
    m.kind === "number" && !m.percent && !m.money && m.unit === null && m.range === null;
  if (!plain(a) || b.percent || b.money || b.range !== null || b.value <= 0 || a.value > b.value)
    return false;
  if (b.kind !== "number" && b.kind !== "count") return false;
  return gap === "in" || /^\s*out of\s*$/i.test(r.text.slice(a.end, b.start));
}

/** Merges "12-15 days", "3 to 4 hours", "between 3 and 4 hours" into one mention with its ends. */
export function mergeRanges(r: Reader, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i] as Mention;
    const b = mentions[i + 1];
    if (b && a.label === null && b.label === null && !a.yearLike && !b.yearLike && b.start - a.end <= 9) {
      const gap =
        b.start - a.end <= 1 ? r.text.slice(a.end, b.start).trim() : gapWord(r.text, a.end, b.start);
      if (gap === "per" && a.unit !== null && b.unit !== null && !b.percent && !b.money) {
        // "12 errors per 1,000 orders": one rate.
        out.push({ ...a, end: b.end, kind: "rate", per: `${b.value} ${b.unit}`, last: b.last });
        i++;
        continue;
      }
      if (proportion(r, a, b, gap)) {
        // "one in three orders", "4 out of 5 trucks": a share, read as a percent.
        out.push({
          ...a,
          end: b.end,
          value: (a.value / b.value) * 100,
          kind: "percent",
          percent: true,
          unit: null,
          bare: false,
          words: a.words || b.words,
          approx: a.approx || b.approx,
          last: b.last,
        });
        i++;
        continue;
      }
      const sameUnit = a.kind === "number" || a.bare || (a.kind === b.kind && a.unit === b.unit);
      const between = gap === "and" && r.before(a.first, a.start) === "between";
      let range = sameUnit && a.value < b.value && (gap === "-" || gap === "or" || between);
      if (!range && sameUnit && gap === "to" && a.value < b.value) {
        // "3 to 4 hours" is a range; "from 3 to 4", "cut it 3 to 4" are changes.
        const k = r.skipQualifiers(a.first, a.start);
        const w = r.before(k, a.start);
        range = w !== "from" && w !== "by" && !r.verbBetween(r.tokens[k - 4]?.start ?? 0, a.start);
      }
      if (range) {
        const merged: Mention = {
          ...b,
          start: a.start,
          value: (a.value + b.value) / 2,
          range: { low: a.value, high: b.value },
          money: a.money || b.money,
          words: a.words || b.words,
          approx: true,
          first: a.first,
        };
        if (merged.kind === "number" && a.money) merged.kind = "money";
        out.push(merged);
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
