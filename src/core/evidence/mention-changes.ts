import type { Direction, Mention } from "./mention.js";
import type { Reader } from "./mention-reader.js";

// Grammar words, not vocabulary: how English marks a change, and what a sum of money is for.
export const CHANGE_NOUNS = new Map<string, Direction | null>([
  ["reduction", "down"],
  ["decrease", "down"],
  ["drop", "down"],
  ["cut", "down"],
  ["decline", "down"],
  ["fall", "down"],
  ["lower", "down"],
  ["fewer", "down"],
  ["less", "down"],
  ["shorter", "down"],
  ["faster", null],
  ["saving", "down"],
  ["savings", "down"],
  ["improvement", "up"],
  ["increase", "up"],
  ["gain", "up"],
  ["rise", "up"],
  ["jump", "up"],
  ["more", "up"],
  ["higher", "up"],
  ["better", "up"],
  ["uplift", "up"],
  ["boost", "up"],
  ["lift", "up"],
]);
const DOWN_STEMS = [
  "reduc",
  "cut",
  "drop",
  "fell",
  "fall",
  "decreas",
  "lower",
  "shrank",
  "shrunk",
  "halv",
  "declin",
  "slash",
  "shav",
  "trim",
  "eliminat",
  "sav",
  "down",
];
const UP_STEMS = [
  "rose",
  "risen",
  "ris",
  "increas",
  "improv",
  "grew",
  "grow",
  "doubl",
  "tripl",
  "boost",
  "rais",
];
/** Words before "up" or "down" that make them a change: "was down 30%", "went up 12%", ", down 5%". */
const UP_DOWN_AFTER = new Set([
  "",
  "was",
  "were",
  "is",
  "are",
  "been",
  "be",
  "went",
  "came",
  "it's",
  "now",
  "and",
  "both",
  "all",
]);
/** Verbs that report a level reached, not a change: "hit 98%", "reached 95%". */
const LEVEL_STEMS = ["reach", "hit", "achiev", "exceed", "beat", "met", "deliver", "recover"];
const NOT_BUDGET = new Set(["project", "capital", "capex", "investment", "implementation", "pilot"]);

const stemIn = (word: string, stems: readonly string[]) => stems.some((s) => word.startsWith(s));

export function directionOf(phrase: string): Direction | null {
  // "fell", "were down", "went up": the first word that tells a direction.
  for (const w of phrase.toLowerCase().split(" ")) {
    if (stemIn(w, DOWN_STEMS)) return "down";
    if (stemIn(w, UP_STEMS) || w === "up") return "up";
  }
  return null;
}

export function markChange(r: Reader, m: Mention) {
  const k = r.skipQualifiers(m.first, m.start);
  const prev = r.before(k, m.start);
  const byToken = r.tokens[k - 1];
  if (prev === "by" && byToken) {
    // "cut scrap by 30%": a claim, when a verb of change comes first ("by 5 pm" is not one).
    const verb = r.lastVerbBetween(byToken.start - 60, byToken.start);
    if (verb) {
      m.delta = true;
      m.claim = true;
      m.anchor = byToken.start;
      m.direction = directionOf(verb.text);
      return;
    }
  }
  const after = r.word(m.last);
  if (CHANGE_NOUNS.has(after) && r.sameClause(m.end, r.tokens[m.last]?.start ?? m.end, 4)) {
    // "a 25% reduction", "30 percent fewer".
    m.delta = true;
    m.claim = true;
    m.direction = CHANGE_NOUNS.get(after) ?? null;
    return;
  }
  // "reduced 45 to 20 minutes" is a pair, not a change of 45.
  if (after === "to" || prev === "from" || prev === "to" || prev === "at" || prev === "of") return;
  const verb = r.verbBefore(k);
  const word = verb ? verb.text.toLowerCase() : prev;
  // "down 12%", "scrap was down 30%"; not "made up 70% of picks", "ended up 8% above".
  const upDown =
    (prev === "down" || prev === "up") &&
    (UP_DOWN_AFTER.has(r.before(k - 1, m.start)) || r.verbBefore(k - 1));
  if ((verb && !stemIn(word, LEVEL_STEMS)) || upDown) {
    // "scrap fell 30%", "saved $60,000", "down 12%".
    m.delta = true;
    m.claim = m.percent;
    m.direction = directionOf(word);
  }
}

export function markMoney(r: Reader, m: Mention) {
  if (m.kind !== "money") return;
  for (let i = 1; i <= 3; i++) {
    const w = r.word(m.first - i);
    if (w.startsWith("sav") && r.sameClause(r.tokens[m.first - i]?.end ?? 0, m.start)) {
      m.purpose = "saving";
      m.delta = true;
      m.direction = "down";
      return;
    }
  }
  for (let i = 0; i < 3; i++) {
    const w = r.word(m.last + i);
    if (w.startsWith("sav") || w === "budget" || w === "budgets") {
      if (!r.sameClause(m.end, r.tokens[m.last + i]?.start ?? m.end)) return;
      if (w.startsWith("sav")) {
        m.purpose = "saving";
        m.delta = true;
        m.direction = "down";
      } else if (!NOT_BUDGET.has(r.word(m.last + i - 1))) m.purpose = "budget";
      return;
    }
  }
  for (let i = 1; i <= 3; i++) {
    const w = r.word(m.first - i);
    if ((w === "budget" || w === "budgets") && r.sameClause(r.tokens[m.first - i]?.end ?? 0, m.start)) {
      if (!NOT_BUDGET.has(r.word(m.first - i - 1))) m.purpose = "budget";
      return;
    }
  }
}
