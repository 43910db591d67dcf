import { type CompiledLexicon, type UnitKind, unitList } from "./compiled-lexicon.js";
import type { Mention } from "./mention.js";
import type { Reader } from "./mention-reader.js";

export const DIGIT = /\d/;
const RATE_PREFIX = /^(?:per|an|a|every|each|\/)\s*/;
const ABBREVIATIONS: Record<string, string> = {
  h: "hour",
  hr: "hour",
  hrs: "hour",
  min: "minute",
  mins: "minute",
  sec: "second",
  secs: "second",
  wk: "week",
  wks: "week",
  yr: "year",
  yrs: "year",
  people: "person",
  staff: "person",
  uph: "unit",
};

// Unit and metric words repeat: normalise each spelling once (bounded, like the phrase index's cache).
const MAX_CACHED = 2000;
const unitCache = new Map<string, string>();
const metricCache = new Map<string, string>();

/** "Pallets" → "pallet", "deliveries" → "delivery", "hrs" → "hour", "per shift" → "shift", "percentage points" → "pp". */
export function normalizeUnit(raw: string): string {
  const known = unitCache.get(raw);
  if (known !== undefined) return known;
  let w = raw.toLowerCase().replace(RATE_PREFIX, "").replace(/\s+/g, " ").trim();
  if (w === "%" || w === "percent" || w === "per cent") w = "%";
  else if (w.startsWith("percentage point") || w === "pp" || w === "pts") w = "pp";
  else {
    w = ABBREVIATIONS[w] ?? w;
    if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
    else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
    w = ABBREVIATIONS[w] ?? w;
  }
  if (unitCache.size >= MAX_CACHED) unitCache.clear();
  unitCache.set(raw, w);
  return w;
}

/** "On-time" and "on time", "lead times" and "lead time" are one metric. */
export function normalizeMetric(raw: string): string {
  const known = metricCache.get(raw);
  if (known !== undefined) return known;
  let w = raw.toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ").trim();
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (metricCache.size >= MAX_CACHED) metricCache.clear();
  metricCache.set(raw, w);
  return w;
}

/** The unit kind of one word, for units glued to a number ("24h") or joined by a hyphen ("14-hour"). */
export function unitKindOfWord(lex: CompiledLexicon | undefined, word: string): UnitKind | null {
  if (!lex || word.length === 0) return null;
  for (const kind of ["duration", "count", "money", "percent", "ratio"] as const)
    if (lex.index.wordIn(word, unitList(kind))) return kind;
  return null;
}

/** Gives a mention its unit ("14 days", "fifteen a week", "41 units a shift", "$9,000 a month"). */
export function attachUnit(r: Reader, m: Mention, unitEnd: number) {
  if (m.kind === "percent") return;
  let unit = r.unitAfter(unitEnd);
  let end = unitEnd;
  // "line 2 shift 3", "step 1 phase 2": a singular noun followed by a number names that number.
  if (
    unit &&
    (unit.kind === "duration" || unit.kind === "count") &&
    !/s$/i.test(unit.text) &&
    DIGIT.test(
      r.text
        .slice(unit.end, unit.end + 2)
        .trim()
        .charAt(0),
    )
  )
    unit = undefined;
  // "three team members", "40 line operators": the noun is the second word.
  if (unit && (unit.kind === "duration" || unit.kind === "count") && !/s$/i.test(unit.text)) {
    const second = r.unitAt(unit.end);
    if (second && (second.kind === "duration" || second.kind === "count") && second.start > unit.end)
      unit = second;
  }
  if (unit && !(m.money && unit.kind !== "rate")) {
    end = unit.end;
    if (unit.kind === "percent") {
      m.kind = "percent";
      m.percent = true;
      m.end = end;
      return;
    }
    if (unit.kind === "money") {
      m.kind = "money";
      m.money = true;
    } else if (unit.kind === "rate") {
      if (!m.money) m.kind = "rate";
      if (unit.counted !== undefined) {
        m.unit = normalizeUnit(unit.counted);
        m.per = normalizeUnit(unit.per ?? unit.text);
      } else m.per = normalizeUnit(unit.text);
    } else if (unit.kind !== "scale") {
      m.kind = unit.kind;
      m.unit = normalizeUnit(unit.text);
    }
  }
  const times = m.kind === "ratio" && m.unit?.startsWith("time");
  if (m.per === null && (m.kind === "count" || m.kind === "duration" || m.kind === "money" || times)) {
    const rate = r.unitAt(end);
    if (rate?.kind === "rate") {
      if (m.kind !== "money") m.kind = "rate";
      m.per = normalizeUnit(rate.text);
      end = rate.end;
    }
  }
  m.end = end;
}
