import { CRITERIA, type CriterionId } from "../criteria.js";
import type { AnalyzedSentence, Evidence } from "../evidence/extract.js";
import type { CriterionScores } from "./scores.js";

/**
 * Picks the evidence quoted for each criterion: sentences that play the criterion's part, chosen among
 * all of the answer's sentences (the scorer's own list first), never the same sentence twice, and
 * trimmed around the figure that matters when too long. Every quote is a verbatim substring of the answer.
 */

/** Longest evidence quote, in characters. */
export const MAX_QUOTE = 300;
export const MAX_QUOTES = 3;

export interface Span {
  start: number;
  end: number;
}

const hasFigure = (s: AnalyzedSentence) => s.changes.length > 0 || s.quantities.some((q) => !q.timeFrame);

const QUANTITY_RANK: Record<string, number> = {
  percent: 0,
  money: 0,
  rate: 1,
  ratio: 1,
  count: 2,
  duration: 2,
};

/**
 * The sentence's key figure, as offsets into its text: its first before→after pair (its after value when
 * the pair is longer than `max`), else its most telling quantity (a percentage or money first, a time
 * frame never). Null when it has none.
 */
export function keyFigure(s: AnalyzedSentence, max = Number.POSITIVE_INFINITY): Span | null {
  const text = s.sentence.text;
  for (const c of s.changes) {
    if (c.text === text || c.text.length === 0) continue;
    const at = text.indexOf(c.text);
    if (at < 0) continue;
    if (c.text.length <= max) return { start: at, end: at + c.text.length };
    // Too long to quote whole ("one in twenty orders arrived late instead of one in three"): its after
    // value, so that the quote never ends just before the figure that matters.
    const after = s.quantities.find(
      (q) => q.value === c.after && q.start >= at && q.end <= at + c.text.length,
    );
    if (after) return { start: after.start, end: after.end };
  }
  const q = s.quantities
    .filter((x) => !x.timeFrame)
    .sort((a, b) => (QUANTITY_RANK[a.kind] ?? 3) - (QUANTITY_RANK[b.kind] ?? 3) || a.start - b.start)[0];
  return q ? { start: q.start, end: q.end } : null;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** A window of `text` with "..." where words were left out, and no dangling comma or colon before one. */
export function elide(text: string, w: Span): string {
  const body = text.slice(w.start, w.end).replace(/[,;:]$/, "");
  return `${w.start > 0 ? "..." : ""}${body}${w.end < text.length ? "..." : ""}`;
}

/**
 * The window of at most `max` characters of `text` that holds `focus` (or the opening, without one),
 * cut at word boundaries: a verbatim substring of `text`, as offsets.
 */
export function windowAround(text: string, max: number, focus: Span | null): Span {
  if (text.length <= max) return { start: 0, end: text.length };
  const f = focus && focus.end <= text.length && focus.start < focus.end ? focus : { start: 0, end: 0 };
  if (f.end - f.start >= max) return snapEnd(text, f.start, f.start + max, f.start);
  if (f.end <= max) return snapEnd(text, 0, max, f.end);
  // Keep some words before the figure (what changed) and more after it (to what, and why it mattered).
  const room = max - (f.end - f.start);
  let start = Math.min(f.start - Math.floor(room / 3), text.length - max);
  start = Math.max(0, start);
  // Start on a word: move forward to the next word start, never past the figure.
  if (start > 0 && !isSpace(text[start - 1])) {
    let k = start;
    while (k < f.start && !isSpace(text[k - 1])) k++;
    start = k;
  }
  while (start < f.start && isSpace(text[start])) start++;
  return snapEnd(text, start, Math.min(text.length, start + max), f.end);
}

/** Ends the window on a word boundary at or after `keep`. */
function snapEnd(text: string, start: number, end: number, keep: number): Span {
  if (end >= text.length) return { start, end: text.length };
  let e = end;
  if (!isSpace(text[e])) {
    while (e > keep && !isSpace(text[e - 1])) e--;
    if (e <= keep || e <= start) e = end;
  }
  while (e > Math.max(start + 1, keep) && /[\s,;:(–-]/.test(text[e - 1] ?? "")) e--;
  return { start, end: e };
}

/** A sentence as a quote: whole, or the window around its key figure when too long. */
export function quoteSentence(s: AnalyzedSentence, max = MAX_QUOTE): string {
  const w = windowAround(s.sentence.text, max, keyFigure(s, max));
  return s.sentence.text.slice(w.start, w.end);
}

/**
 * A step told with its outcome ("I re-slotted the fast movers, which cut travel by 30%"): the classifier
 * gives it both parts, action and result, one of them first. It may stand for either.
 */
function stepWithOutcome(s: AnalyzedSentence): boolean {
  const [first, second] = s.roles.map((r) => r.role);
  const pair = new Set([first, second]);
  return pair.has("action") && pair.has("result") && s.roles.length > 0;
}

/**
 * Whether a sentence may be quoted for a criterion: it plays that part (its primary role, or a heading
 * says so), or, for Action and Result, it is a step told with its outcome.
 */
export function quotable(s: AnalyzedSentence, c: CriterionId): boolean {
  if (s.salad || s.sentence.wordCount === 0) return false;
  const primary = s.roles[0]?.role;
  const heading = s.sentence.heading;
  switch (c) {
    case "situation":
    case "task":
      return !s.hypothetical && (primary === c || heading === c);
    case "result":
      // "I found that we counted an order on time when it left our dock" reports what a step found,
      // not what came of the work: quoted for Action, never for Result unless it plays the result.
      return (
        !s.hypothetical &&
        (primary === c || heading === c || (stepWithOutcome(s) && s.hits.finding_cues.length === 0))
      );
    case "action":
      // A goal ("My goal was...") is never a step, even under an Action heading. A planned step ("I would
      // map the flow") is still the answer's action, and shows why Action scored low.
      return (
        primary !== "task" &&
        (primary === "action" || heading === "action" || (stepWithOutcome(s) && s.concreteAction))
      );
    case "data_evidence":
      return !s.hypothetical && (hasFigure(s) || s.methods.length > 0 || s.hits.analysis_cues.length > 0);
    case "ownership":
      return !s.hypothetical && s.actingSubjects.length > 0;
  }
}

const confidence = (s: AnalyzedSentence, c: CriterionId) =>
  s.roles.find((r) => r.role === c)?.confidence ?? 0;

/** Among quotable sentences the scorer did not list: the most telling first. */
function rank(c: CriterionId): (a: AnalyzedSentence, b: AnalyzedSentence) => number {
  const by = (f: (s: AnalyzedSentence) => number) => (a: AnalyzedSentence, b: AnalyzedSentence) =>
    f(b) - f(a);
  const index = (a: AnalyzedSentence, b: AnalyzedSentence) => a.sentence.index - b.sentence.index;
  const conf = by((s) => confidence(s, c));
  switch (c) {
    case "situation":
    case "task":
      return (a, b) => conf(a, b) || index(a, b);
    case "action":
      return (a, b) => by((s) => (s.concreteAction ? 1 : 0))(a, b) || index(a, b);
    case "result":
      return (a, b) => by((s) => (hasFigure(s) ? 1 : 0))(a, b) || conf(a, b) || index(a, b);
    case "data_evidence":
      return (a, b) => by((s) => (s.changes.length > 0 ? 2 : hasFigure(s) ? 1 : 0))(a, b) || index(a, b);
    case "ownership":
      return (a, b) => by((s) => (s.actingSubjects.includes("singular") ? 1 : 0))(a, b) || index(a, b);
  }
}

/** The sentences worth quoting for a criterion, best first: the scorer's own that qualify, then the rest. */
export function candidates(ev: Evidence, scores: CriterionScores, c: CriterionId): AnalyzedSentence[] {
  const listed = new Set<AnalyzedSentence>();
  for (const i of scores[c].sentences) {
    const s = ev.sentences[i];
    if (s && quotable(s, c)) listed.add(s);
  }
  const rest = ev.sentences.filter((s) => !listed.has(s) && quotable(s, c)).sort(rank(c));
  if (listed.size + rest.length > 0 || c !== "action") return [...listed, ...rest];
  // The only steps may sit in a sentence that mainly sets the scene ("Last year at our bakery scrap was
  // 6% and I pulled the reject logs…"): quote it for Action too rather than leave a scored action bare.
  return ev.sentences.filter(sceneWithStep);
}

/** A sentence that mainly sets the scene but tells a concrete step too. */
export const sceneWithStep = (s: AnalyzedSentence): boolean =>
  !s.salad &&
  s.concreteAction &&
  s.roles[0]?.role === "situation" &&
  s.roles.some((r) => r.role === "action");

/** How many of the candidates come from the scorer's own list (those are quoted when there are any). */
function listedCount(scores: CriterionScores, c: CriterionId, cands: AnalyzedSentence[]) {
  const listed = new Set(scores[c].sentences);
  return cands.filter((s) => listed.has(s.sentence.index)).length;
}

function pick(cands: AnalyzedSentence[], listed: number): AnalyzedSentence[] {
  return (listed > 0 ? cands.slice(0, listed) : cands).slice(0, MAX_QUOTES);
}

/** The quotes for every criterion. A criterion scored 0 (or a non-answer) quotes nothing. */
export function evidenceQuotes(ev: Evidence, scores: CriterionScores): Record<CriterionId, string[]> {
  const real = !ev.empty && !ev.nonEnglish && !ev.salad;
  const chosen = {} as Record<CriterionId, AnalyzedSentence[]>;
  const all = {} as Record<CriterionId, AnalyzedSentence[]>;
  for (const c of CRITERIA) {
    const cands = scores[c].score === 0 || !real ? [] : candidates(ev, scores, c);
    all[c] = cands;
    chosen[c] = pick(cands, listedCount(scores, c, cands));
  }
  // One sentence as both the scene and the outcome says little: quote it for one, if the other has another.
  for (const s of chosen.situation.filter((x) => chosen.result.includes(x))) {
    const elsewhere = (c: "situation" | "result") => all[c].filter((x) => x !== s && !chosen[c].includes(x));
    const keepFor: "situation" | "result" = s.roles[0]?.role === "result" ? "result" : "situation";
    const drop: "situation" | "result" = keepFor === "result" ? "situation" : "result";
    for (const c of [drop, keepFor]) {
      if (chosen[c].length > 1 || elsewhere(c).length > 0) {
        const rest = chosen[c].filter((x) => x !== s);
        chosen[c] = rest.length > 0 ? rest : elsewhere(c).slice(0, 1);
        break;
      }
    }
  }
  return Object.fromEntries(
    CRITERIA.map((c) => {
      const quotes: string[] = [];
      for (const s of chosen[c]) {
        const q = quoteSentence(s);
        if (q.length > 0 && !quotes.includes(q)) quotes.push(q);
      }
      return [c, quotes];
    }),
  ) as Record<CriterionId, string[]>;
}
