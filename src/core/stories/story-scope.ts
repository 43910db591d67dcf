import type { Token } from "./tokens.js";

/** What a story says the teller was in charge of, read from its figures and a few words. */
export interface StoryScope {
  /** The most people named ("a team of 45", "220 operators", "a 35-person crew"). */
  headcount?: number;
  /** The most sites named ("three plants", "12 DCs"). */
  sites?: number;
  /** The largest amount in charge: a budget, a contract, a capital project. */
  money?: number;
  /** The largest amount gained or saved: a result, weaker evidence of scope. */
  savings?: number;
  /** Scope told in words, as SCOPE_PHRASES spells them: "p&l", "the board", "network", "shift"… */
  words: string[];
}

const PEOPLE = new Set(
  "people persons employees staff workers associates colleagues operators pickers packers loaders drivers agents technicians mechanics engineers nurses planners buyers clerks analysts supervisors managers leads leaders members reports ftes fte soldiers sailors volunteers cashiers representatives reps specialists coordinators schedulers machinists welders assemblers contractors temps person strong headcount".split(
    " ",
  ),
);
const TEAMS = new Set(
  "team crew staff workforce department group organization organisation headcount unit".split(" "),
);
const SITES = new Set(
  "sites plants factories facilities warehouses dcs centers centres stores branches hospitals clinics depots hubs mills regions countries markets divisions".split(
    " ",
  ),
);
const IN_CHARGE_AFTER = new Set(
  "budget budgets contract contracts spend p&l portfolio revenue turnover capex investment project program programme expansion system line facility opex account".split(
    " ",
  ),
);
const IN_CHARGE_BEFORE = new Set(
  "budget managed owned ran controlled approved invested secured worth valued overseeing oversaw responsible".split(
    " ",
  ),
);
const OUTCOME_BEFORE =
  /^(?:sav|avoid|cut|reduc|lost|los|recover|generat|add|increas|grew|grow|boost|freed|free|releas|by|fell|dropp|lower|trimm)/;
/** Words between a number and its noun: "45 night-shift operators", "three regional DCs". */
const GAP = 2;
const QUALIFIERS = new Set(
  "about around roughly nearly almost over some approximately just under more than".split(" "),
);

/** "dozens of", "hundreds of", "thousands of": a count in words, for scope only. */
const VAGUE: Record<string, number> = { dozens: 24, hundreds: 200, thousands: 2000 };

/** Phrases that tell scope without a figure, and the level each points to on its own (see level.ts). */
export const SCOPE_PHRASES: readonly { phrase: string; level: "entry" | "mid" | "senior" | "executive" }[] = [
  { phrase: "p&l", level: "executive" },
  { phrase: "the board", level: "executive" },
  { phrase: "board of directors", level: "executive" },
  { phrase: "ceo", level: "executive" },
  { phrase: "investors", level: "executive" },
  { phrase: "shareholders", level: "executive" },
  { phrase: "enterprise wide", level: "executive" },
  { phrase: "company wide", level: "executive" },
  { phrase: "across the company", level: "executive" },
  { phrase: "across the business", level: "executive" },
  { phrase: "executive team", level: "executive" },
  { phrase: "network", level: "senior" },
  { phrase: "multi site", level: "senior" },
  { phrase: "every site", level: "senior" },
  { phrase: "all sites", level: "senior" },
  { phrase: "regional", level: "senior" },
  { phrase: "my department", level: "mid" },
  { phrase: "my site", level: "mid" },
  { phrase: "my plant", level: "mid" },
  { phrase: "whole site", level: "mid" },
  { phrase: "whole plant", level: "mid" },
  { phrase: "whole warehouse", level: "mid" },
  { phrase: "line", level: "entry" },
  { phrase: "shift", level: "entry" },
  { phrase: "cell", level: "entry" },
];
const PHRASES = SCOPE_PHRASES.map((p) => ({ ...p, words: p.phrase.split(" ") }));
const BY_FIRST = new Map<string, (typeof PHRASES)[number][]>();
for (const p of PHRASES)
  BY_FIRST.set(p.words[0] as string, [...(BY_FIRST.get(p.words[0] as string) ?? []), p]);

const isWord = (t: Token | undefined, set: ReadonlySet<string>) =>
  t !== undefined && !t.figure && set.has(t.text);

/** The count at i if it is a plain number (not money or a percentage). */
function countAt(tokens: readonly Token[], i: number): number | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.figure) return t.figure.money || t.figure.percent ? null : t.figure.value;
  const vague = VAGUE[t.text];
  return vague !== undefined && tokens[i + 1]?.text === "of" ? vague : null;
}

function nounWithin(tokens: readonly Token[], from: number, set: ReadonlySet<string>): boolean {
  for (let j = from; j <= from + GAP && j < tokens.length; j++) {
    const t = tokens[j];
    if (!t || t.figure) return false;
    // "35 direct reports", not "50 reports a week".
    if (set.has(t.text)) return t.text !== "reports" || tokens[j - 1]?.text === "direct";
  }
  return false;
}

/** "$380,000 under budget", "$310k a year less": an amount told as a result, though a budget follows. */
const OUTCOME_AFTER = new Set("under over less more saved savings reduction lower higher off".split(" "));
/** Fewer people than this is a pair or a crew, not scope ("the two managers"). */
const MIN_HEADCOUNT = 5;

function moneyInCharge(tokens: readonly Token[], i: number): boolean {
  if (isWord(tokens[i + 1], OUTCOME_AFTER)) return false;
  for (let j = i + 1; j <= i + 4 && j < tokens.length; j++)
    if (isWord(tokens[j], IN_CHARGE_AFTER)) return true;
  for (let j = Math.max(0, i - 3); j < i; j++) {
    const t = tokens[j];
    if (t && !t.figure && OUTCOME_BEFORE.test(t.text)) return false;
  }
  for (let j = Math.max(0, i - 3); j < i; j++) if (isWord(tokens[j], IN_CHARGE_BEFORE)) return true;
  return false;
}

/** Reads the scope a story's tokens tell: one pass, a few tokens of look-around at each figure. */
export function readStoryScope(tokens: readonly Token[]): StoryScope {
  let headcount = 0;
  let sites = 0;
  let money = 0;
  let savings = 0;
  const words = new Set<string>();
  tokens.forEach((t, i) => {
    for (const p of BY_FIRST.get(t.text) ?? [])
      if (p.words.every((w, k) => tokens[i + k]?.text === w && !tokens[i + k]?.figure)) words.add(p.phrase);
    if (t.figure?.money) {
      if (moneyInCharge(tokens, i)) money = Math.max(money, t.figure.value);
      else savings = Math.max(savings, t.figure.value);
      return;
    }
    const n = countAt(tokens, i);
    if (n === null) {
      // "a team of 45", "a workforce of about 400"
      if (isWord(t, TEAMS) && tokens[i + 1]?.text === "of") {
        const k = QUALIFIERS.has(tokens[i + 2]?.text ?? "") ? i + 3 : i + 2;
        const c = countAt(tokens, k);
        if (c !== null) headcount = Math.max(headcount, c);
      }
      return;
    }
    const after = tokens[i + 1]?.text === "of" ? i + 2 : i + 1;
    if (nounWithin(tokens, after, PEOPLE)) headcount = Math.max(headcount, n);
    else if (n >= 2 && nounWithin(tokens, after, SITES)) sites = Math.max(sites, n);
  });
  return {
    ...(headcount >= MIN_HEADCOUNT ? { headcount } : {}),
    ...(sites > 0 ? { sites } : {}),
    ...(money > 0 ? { money } : {}),
    ...(savings > 0 ? { savings } : {}),
    words: [...words],
  };
}
