import { LEVELS, type Level } from "../levels.js";
import { thousands } from "../text/plural.js";
import { listAnd } from "./list.js";
import { SCOPE_PHRASES, type StoryScope } from "./story-scope.js";

/** One piece of scope and the level it points to. */
interface Finding {
  level: Level;
  text: string;
  /** Told in words ("the board"), not with a figure. */
  word: boolean;
}

/**
 * The smallest figure that points to each level (entry needs none). Dozens of people or a six-figure
 * budget is a department; several sites or millions, a director's; thousands of people, ten sites or
 * tens of millions, an executive's. An amount saved is weaker evidence than an amount in charge.
 */
const HEADCOUNT: Record<Exclude<Level, "entry">, number> = { mid: 25, senior: 150, executive: 1000 };
const SITES: Record<Exclude<Level, "entry">, number> = {
  mid: Number.POSITIVE_INFINITY,
  senior: 2,
  executive: 10,
};
const MONEY: Record<Exclude<Level, "entry">, number> = {
  mid: 100_000,
  senior: 1_000_000,
  executive: 50_000_000,
};
const SAVINGS: Record<Exclude<Level, "entry">, number> = {
  mid: 500_000,
  senior: 5_000_000,
  executive: Number.POSITIVE_INFINITY,
};

const rank = (l: Level) => LEVELS.indexOf(l);

function byFigure(value: number | undefined, cuts: Record<Exclude<Level, "entry">, number>): Level {
  if (value === undefined) return "entry";
  if (value >= cuts.executive) return "executive";
  if (value >= cuts.senior) return "senior";
  return value >= cuts.mid ? "mid" : "entry";
}

function money(n: number): string {
  if (n >= 1e9) return `$${+(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `$${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `$${Math.round(n / 1e3)}k`;
  return `$${thousands(n)}`;
}

function findings(scope: StoryScope): Finding[] {
  const out: Finding[] = [];
  if (scope.headcount !== undefined)
    out.push({
      level: byFigure(scope.headcount, HEADCOUNT),
      text: `${thousands(scope.headcount)} people`,
      word: false,
    });
  if (scope.sites !== undefined)
    out.push({ level: byFigure(scope.sites, SITES), text: `${scope.sites} sites`, word: false });
  if (scope.money !== undefined)
    out.push({
      level: byFigure(scope.money, MONEY),
      text: `${money(scope.money)} in your charge`,
      word: false,
    });
  if (scope.savings !== undefined)
    out.push({
      level: byFigure(scope.savings, SAVINGS),
      text: `${money(scope.savings)} saved or at stake`,
      word: false,
    });
  for (const p of SCOPE_PHRASES)
    if (p.level !== "entry" && scope.words.includes(p.phrase))
      out.push({ level: p.level, text: `"${p.phrase}"`, word: true });
  return out;
}

const LEVEL_WORDS: Record<Level, string> = {
  entry: "Entry level",
  mid: "Mid level",
  senior: "Senior level",
  executive: "Executive level",
};

/**
 * The level a story's scope shows: the highest its findings point to. Words alone ("the board", "P&L",
 * "company-wide") are said in stories at every level, so they reach executive only beside a figure or
 * phrase of senior scope; on their own they count as senior.
 */
export function estimateLevel(scope: StoryScope): { level: Level; reason: string } {
  const found = findings(scope);
  const executiveWord = (f: Finding) => f.word && f.level === "executive";
  const backing = found.filter((f) => !executiveWord(f)).reduce((top, f) => Math.max(top, rank(f.level)), 0);
  const capped = found.map((f) =>
    executiveWord(f) && backing < rank("senior") ? { ...f, level: "senior" as const } : f,
  );
  const top = capped.reduce((t, f) => Math.max(t, rank(f.level)), 0);
  const level = LEVELS[top] as Level;
  if (top === 0) {
    const small =
      scope.headcount !== undefined ? `a team of ${scope.headcount}` : "a line, a shift or a small team";
    return {
      level,
      reason: `${LEVEL_WORDS.entry}: the story's scope is ${small}; it names no department of dozens, budget or second site.`,
    };
  }
  // An executive reading from words names the senior scope beside them that let it stand.
  const floor = level === "executive" ? rank("senior") : top;
  const why = capped.filter((f) => rank(f.level) >= floor).map((f) => f.text);
  return { level, reason: `${LEVEL_WORDS[level]}: the story names ${listAnd(why)}.` };
}
