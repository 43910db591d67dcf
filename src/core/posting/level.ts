import { LEVELS, type Level } from "../level-names.js";
import type { PostingVocab } from "./schema.js";
import { readScope, scopeLevel } from "./scope.js";
import { readTitle } from "./title.js";

export interface LevelRead {
  level: Level;
  /** Why, in a sentence: the title and the scope words that decided. */
  reason: string;
  /** The title line, when the posting has one. */
  title: string | null;
}

/** The level a posting with no title is read at, unless its scope says more: the product's central role. */
const DEFAULT_LEVEL: Level = "mid";
const SHOWN_SIGNALS = 4;

const quoteList = (words: readonly string[]) =>
  words
    .slice(0, SHOWN_SIGNALS)
    .map((w) => `"${w}"`)
    .join(", ");

/**
 * The level a posting hires at: its title's, moved up one step when its scope (P&L, sites, budget, people)
 * reads as a higher level; the title is the better witness, so scope never moves it further, nor down.
 */
export function readLevel(text: string, vocab: PostingVocab): LevelRead {
  const title = readTitle(text, vocab);
  const scope = scopeLevel(readScope(text, vocab), vocab);
  if (!title) {
    if (scope)
      return {
        level: scope.level,
        reason: `No job title found; the scope (${quoteList(scope.evidence)}) reads as ${scope.level}.`,
        title: null,
      };
    return {
      level: DEFAULT_LEVEL,
      reason: `No job title found; read as ${DEFAULT_LEVEL} by default.`,
      title: null,
    };
  }
  const rank = LEVELS.indexOf(title.level);
  const said = `The title "${title.line}" reads as ${title.level}`;
  if (scope && LEVELS.indexOf(scope.level) > rank) {
    const moved = LEVELS[rank + 1] ?? title.level;
    return {
      level: moved,
      reason: `${said}; its scope (${quoteList(scope.evidence)}) moves it to ${moved}.`,
      title: title.line,
    };
  }
  return { level: title.level, reason: `${said}.`, title: title.line };
}
