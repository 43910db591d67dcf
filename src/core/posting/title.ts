import { type PhraseHit, PhraseIndex, tokenize } from "../evidence/phrases.js";
import { LEVELS, type Level } from "../level-names.js";
import type { PostingVocab } from "./schema.js";

export interface TitleRead {
  /** The title line as the posting wrote it, trimmed. */
  line: string;
  level: Level;
}

/** How many of a posting's first lines may be its title, and how long a title line may be. */
const TITLE_LINES = 3;
const TITLE_MAX_WORDS = 12;
/** A bullet or a sentence is a duty, not a title: "- Lead the production team." */
const NOT_A_TITLE = /^[-*•·‣▪◦]\s|[.!?;:]$/;
/** Without a title line, a title this early in the text (in words) still names the role. */
const OPENING_WORDS = 80;
/** How close before a title a modifier must be ("Senior Operations Manager": two words). */
const MODIFIER_REACH = 3;

interface TitleIndex {
  titles: PhraseIndex;
  cues: PhraseIndex;
  raise: Set<string>;
  lower: Set<string>;
  labels: string[];
}

const compiled = new WeakMap<PostingVocab, TitleIndex>();

function compile(vocab: PostingVocab): TitleIndex {
  let index = compiled.get(vocab);
  if (!index) {
    index = {
      titles: new PhraseIndex(LEVELS.map((l) => [l, vocab.titles[l]] as const)),
      cues: new PhraseIndex([["cue", vocab.title_cues]]),
      raise: new Set(vocab.title_modifiers.raise),
      lower: new Set(vocab.title_modifiers.lower),
      labels: [...vocab.title_labels].sort((a, b) => b.length - a.length),
    };
    compiled.set(vocab, index);
  }
  return index;
}

// Titles are written "VP-Operations" and "Sr. Manager": hyphens and dots part words here.
const forTitles = (line: string) => line.replace(/[-.\u2013\u2014]/g, " ");

/** The most senior title a line names, with its modifiers applied; null when it names none. */
function levelOf(line: string, index: TitleIndex): Level | null {
  const text = forTitles(line);
  const scan = index.titles.scan(text);
  let best: { level: Level; hit: PhraseHit } | null = null;
  for (const level of LEVELS)
    for (const hit of scan.hits(level))
      if (!best || LEVELS.indexOf(level) >= LEVELS.indexOf(best.level)) best = { level, hit };
  if (!best) return null;
  const hitStart = best.hit.start;
  const before = scan.tokens.filter((t) => t.end <= hitStart).slice(-MODIFIER_REACH);
  let rank = LEVELS.indexOf(best.level);
  if (before.some((t) => index.lower.has(t.word))) rank = Math.max(0, rank - 1);
  else if (best.level === "mid" && before.some((t) => index.raise.has(t.word))) rank += 1;
  return LEVELS[rank] ?? best.level;
}

/** A line that names its title with a label ("Job title: Plant Scheduler"), the title after the colon. */
function labelled(line: string, index: TitleIndex): string | null {
  const lower = line.trimStart().toLowerCase();
  for (const label of index.labels) {
    if (!lower.startsWith(label)) continue;
    const rest = lower.slice(label.length).trimStart();
    if (rest.startsWith(":")) return line.slice(line.indexOf(":") + 1).trim();
  }
  return null;
}

/**
 * The posting's title: a labelled title line anywhere, else the first of its opening short lines that
 * names a title, else the first title its opening words introduce ("We are hiring a ...").
 */
export function readTitle(text: string, vocab: PostingVocab): TitleRead | null {
  const index = compile(vocab);
  const lines = text.split("\n").map((l) => l.trim());
  for (const line of lines) {
    const title = labelled(line, index);
    const level = title && tokenize(title).length <= TITLE_MAX_WORDS ? levelOf(title, index) : null;
    if (title && level) return { line: title, level };
  }
  const opening = lines.filter((l) => l.length > 0).slice(0, TITLE_LINES);
  for (const line of opening) {
    if (NOT_A_TITLE.test(line) || tokenize(line).length > TITLE_MAX_WORDS) continue;
    const level = levelOf(line, index);
    if (level) return { line: cleanTitle(line), level };
  }
  const start = openingWords(text);
  const scan = index.titles.scan(forTitles(start));
  const hits = LEVELS.flatMap((level) => scan.hits(level)).sort((a, b) => a.start - b.start);
  for (const hit of hits) {
    const from = sentenceStart(start, hit.start);
    if (!index.cues.scan(start.slice(from, hit.start)).has("cue")) continue;
    // Up to the title's end: a later, other title in the sentence ("to support the Plant Manager") is not its own.
    const level = levelOf(start.slice(from, hit.end), index);
    if (level) return { line: shortLine(start.slice(from, hit.end)), level };
  }
  return null;
}

function openingWords(text: string): string {
  const tokens = tokenize(text.slice(0, OPENING_WORDS * 20));
  const last = tokens[Math.min(OPENING_WORDS, tokens.length) - 1];
  return last ? text.slice(0, last.end) : "";
}

/** Where the sentence holding offset `at` starts. */
function sentenceStart(text: string, at: number): number {
  const before = text.slice(0, at);
  return Math.max(before.lastIndexOf("."), before.lastIndexOf("\n"), before.lastIndexOf("!")) + 1;
}

const SHOWN_TITLE = 80;

function shortLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= SHOWN_TITLE ? line : `…${line.slice(-SHOWN_TITLE)}`;
}

/** A title line without the markdown a paste may carry ("# Operations Manager", "**Title**"). */
function cleanTitle(line: string): string {
  return line.replace(/^[#*\s>-]+|[*\s]+$/g, "").trim();
}
