import { QUALIFIERS as ESTIMATE_WORDS } from "./estimate-words.js";
import { directionOf } from "./mention-changes.js";
import { normalizeUnit } from "./mention-units.js";
import type { Change, Quantity } from "./quantities.js";

/** What linking needs of an analysed sentence (an AnalyzedSentence has all of it). */
export interface LinkableSentence {
  sentence: { index: number; text: string; norm: string; heading?: string | null };
  quantities: readonly Quantity[];
  /** "twice a week": after values only (see findFrequencies). */
  frequencies?: readonly Quantity[];
  changes: readonly Change[];
  roles?: readonly { role: string }[];
  hits: { result_verbs: readonly string[]; result_cues: readonly string[]; task_cues: readonly string[] };
}

/** Words looked at before an after value: "down to about", "is now", "today it takes". */
const CUE_WINDOW = 40;
const CLAIM_WINDOW = 40;
const WORD = /[\p{L}\p{N}']+/gu;
const CLAUSE = /[.;:!?(]/g;
/** Skipped between a number and the words before it: estimates, comparisons and articles. */
const QUALIFIERS = new Set([...ESTIMATE_WORDS, "than", "less", "more", "fewer", "close", "a", "an", "the"]);
const NOW_WORDS = new Set(["now", "today", "currently", "after"]);
/** Verbs of movement that take "to" with an after value: "went to", "got it to", "brought it down to". */
const MOVES = new Set([
  "went",
  "came",
  "got",
  "brought",
  "moved",
  "changed",
  "dropped",
  "down",
  "up",
  "back",
]);

type Family = "percent" | "money" | "time" | "amount";

function family(q: Quantity): Family | null {
  switch (q.kind) {
    case "percent":
      return "percent";
    case "money":
      return "money";
    case "duration":
      return "time";
    case "count":
    case "rate":
    case "number":
      return "amount";
    default:
      return null;
  }
}

/** Whether two figures measure the same thing the same way: same units and periods where both say. */
function sameMeasure(a: Quantity, b: Quantity): boolean {
  if (family(a) !== family(b)) return false;
  const ua = a.unit ?? null;
  const ub = b.unit ?? null;
  if (ua !== null && ub !== null && ua !== ub) return false;
  const pa = a.per ?? null;
  const pb = b.per ?? null;
  return pa === null || pb === null || pa === pb;
}

type Cue = { strength: "strong" | "weak" | "none"; start: number };

/** How the words before a figure present it: as an after value ("down to 6", "now 6") or not. */
function cueBefore(norm: string, q: Quantity, s: LinkableSentence): Cue {
  const from = Math.max(0, q.start - CUE_WINDOW);
  let window = norm.slice(from, q.start);
  let offset = from;
  CLAUSE.lastIndex = 0;
  let cut = -1;
  for (let m = CLAUSE.exec(window); m; m = CLAUSE.exec(window)) cut = m.index + 1;
  if (cut >= 0) {
    offset += cut;
    window = window.slice(cut);
  }
  const words = [...window.matchAll(WORD)].map((m) => ({ w: m[0].toLowerCase(), at: offset + m.index }));
  let k = words.length;
  while (k > 0 && QUALIFIERS.has((words[k - 1] as { w: string }).w)) k--;
  const last = words[k - 1];
  const weak =
    s.hits.result_verbs.length > 0 || s.hits.result_cues.length > 0 || s.roles?.[0]?.role === "result";
  for (let i = k - 1; i >= Math.max(0, k - 3); i--) {
    const w = words[i] as { w: string; at: number };
    if (NOW_WORDS.has(w.w)) return { strength: "strong", start: w.at };
  }
  if (last?.w === "to") {
    for (let i = k - 2; i >= 0; i--) {
      const w = words[i] as { w: string; at: number };
      if (MOVES.has(w.w) || directionOf(w.w) !== null) return { strength: "strong", start: w.at };
    }
    if (weak) return { strength: "strong", start: last.at };
  }
  return { strength: weak ? "weak" : "none", start: q.start };
}

/** The unit a figure is linked by: its own, or "%" for a share ("12% of orders" … "fell to 3%"). */
const unitKey = (q: Quantity): string | null => q.unit ?? (q.kind === "percent" ? "%" : null);

const roleOf = (s: LinkableSentence) => s.roles?.[0]?.role ?? null;
const LETTER = /\p{L}/u;

/**
 * The word joined to a number by a hyphen ("14-hour" gives "hour"), singular: read without the lexicon,
 * it only ever matches the unit of another figure, which the lexicon did recognise.
 */
function joinedUnit(norm: string, end: number): string | null {
  if (norm[end] !== "-") return null;
  let e = end + 1;
  while (e < norm.length && e - end <= 16 && LETTER.test(norm[e] as string)) e++;
  return e > end + 1 ? normalizeUnit(norm.slice(end + 1, e)) : null;
}

/** A figure that can be the before of a later change: a level, stated firmly, not a target. */
function canBeBefore(q: Quantity, s: LinkableSentence): boolean {
  if (q.hedged || q.timeFrame || q.delta || q.paired || q.relative || family(q) === null) return false;
  return !(roleOf(s) === "task" && s.hits.task_cues.length > 0);
}

function canBeAfter(q: Quantity, s: LinkableSentence): boolean {
  if (q.hedged || q.timeFrame || q.delta || q.paired || q.relative || family(q) === null) return false;
  if (q.purpose === "budget") return false;
  // A target is not a result: "my goal was to get it under 5 days".
  if (s.hits.task_cues.length > 0 && roleOf(s) !== "result") return false;
  return roleOf(s) !== "situation" || s.sentence.heading === "result";
}

interface Seen {
  q: Quantity;
  s: LinkableSentence;
}

/** A claimed change next to an after value in its sentence: "down to $1,500, an 83% cut". */
function claimNear(s: LinkableSentence, at: number): Quantity | null {
  const qs = s.quantities;
  const q = qs[at] as Quantity;
  const next = qs[at + 1];
  if (next?.delta && next.kind === "percent" && !next.hedged && next.start - q.end <= CLAIM_WINDOW)
    return next;
  const prev = qs[at - 1];
  if (prev?.delta && prev.kind === "percent" && !prev.hedged && q.start - prev.end <= CLAIM_WINDOW)
    return prev;
  return null;
}

/** The fields of a linked change that say where it is and what it links. */
function changeFields(s: LinkableSentence, start: number, after: Quantity, before: Seen) {
  return {
    sentence: s.sentence.index,
    text: s.sentence.text.slice(start, after.end),
    before: before.q.value,
    after: after.value,
    start,
    end: after.end,
    kind: after.kind,
    metric: after.metric?.name ?? before.q.metric?.name ?? null,
    linked: true,
    beforeSentence: before.s.sentence.index,
    beforeText: before.q.text,
  };
}

/**
 * Before→after changes across sentences, linked by their metric or unit: "Output was 41 units a shift."
 * ... "Output was 53 units a shift."; "overtime cost $9,000 a month" ... "overtime was down to about
 * $1,500"; a baseline told in the situation and an after value in the result. Figures are indexed by
 * metric and unit as the sentences are read, so each figure is looked up once: linear in the answer.
 * Guessed figures, time frames, targets and figures already paired in their own sentence are left out.
 */
export function linkChanges(sentences: readonly LinkableSentence[]): Change[] {
  const byMetric = new Map<string, Seen>();
  const byUnit = new Map<string, Seen>();
  /** Counts per period ("fifteen escalations a week"), by the period: befores of a later frequency. */
  const byPeriod = new Map<string, Seen>();
  /** Bare numbers with a word joined by a hyphen ("a 14-hour response time"), by that word. */
  const byJoinedUnit = new Map<string, Seen>();
  const out: Change[] = [];
  for (const s of sentences) {
    const qs = s.quantities;
    const ratio = s.changes.find((c) => c.claimedRatio !== null)?.claimedRatio ?? null;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i] as Quantity;
      if (!canBeAfter(q, s)) continue;
      const fam = family(q) as Family;
      const cue = cueBefore(s.sentence.norm, q, s);
      let found: Seen | null = null;
      for (const metric of q.metrics ?? []) {
        const seen = byMetric.get(`${metric}|${fam}`);
        if (!seen || seen.q.value === q.value || !sameMeasure(seen.q, q)) continue;
        // With no word of change, only the same metric in the same unit: "Output was 53 units a shift."
        const repeated =
          seen.q.unit === q.unit &&
          seen.q.per === q.per &&
          (roleOf(s) === "result" || s.sentence.heading === "result");
        if (cue.strength !== "none" || repeated) {
          found = seen;
          break;
        }
      }
      const unit = unitKey(q);
      if (!found && unit && (cue.strength === "strong" || q.per)) {
        const seen = byUnit.get(`${unit}|${fam}`) ?? byJoinedUnit.get(unit);
        // By unit alone only from the situation: "averaging 72 hours" ... "cut it to 24 hours". With no
        // word of change, only the same count per the same period: "30 cases a minute" ... "38 cases a minute".
        const sameRate = seen?.q.per === q.per && seen?.q.unit === q.unit;
        if (
          seen &&
          (cue.strength === "strong" || sameRate) &&
          seen.q.value !== q.value &&
          (sameMeasure(seen.q, q) || seen.q.kind === "number") &&
          (roleOf(seen.s) === "situation" || seen.s.sentence.heading === "situation") &&
          !(seen.q.metric && q.metric && seen.q.metric.name !== q.metric.name)
        )
          found = seen;
      }
      if (!found && cue.strength !== "none" && fam === "amount" && q.per && !q.unit) {
        // "only three a week", after "twenty tickets a week": a count of the same thing per the same period.
        const seen = byPeriod.get(q.per);
        if (seen && seen.s !== s && seen.q.value !== q.value) found = seen;
      }
      if (!found) continue;
      const claim = claimNear(s, i);
      const start = Math.min(cue.start, q.start);
      out.push({
        ...changeFields(s, start, q, found),
        percent: found.q.kind === "percent" || q.kind === "percent",
        claimedPercent: claim ? claim.value : null,
        claimedRatio: ratio,
        claimedDirection: claim?.direction ?? null,
      });
    }
    for (const f of s.frequencies ?? []) {
      const seen = f.per ? byPeriod.get(f.per) : undefined;
      if (!seen || seen.q.value === f.value || seen.s === s) continue;
      const cue = cueBefore(s.sentence.norm, f, s);
      if (cue.strength === "none" || !canBeAfter(f, s)) continue;
      const start = Math.min(cue.start, f.start);
      out.push({
        ...changeFields(s, start, f, seen),
        percent: false,
        claimedPercent: null,
        claimedRatio: ratio,
        claimedDirection: null,
      });
    }
    // This sentence's figures are befores for the sentences after it, the latest one for each key.
    for (const q of qs) {
      if (!canBeBefore(q, s)) continue;
      const fam = family(q) as Family;
      for (const metric of q.metrics ?? []) byMetric.set(`${metric}|${fam}`, { q, s });
      const unit = unitKey(q);
      if (unit) byUnit.set(`${unit}|${fam}`, { q, s });
      else if (q.kind === "number") {
        const joined = joinedUnit(s.sentence.norm, q.end);
        if (joined) byJoinedUnit.set(joined, { q, s });
      }
      if (fam === "amount" && q.per && q.kind !== "number") byPeriod.set(q.per, { q, s });
    }
  }
  return out;
}

/** Every change of an answer: each sentence's own, then the linked ones, in sentence order. */
export function answerChanges(sentences: readonly LinkableSentence[]): Change[] {
  const own = sentences.flatMap((s) => s.changes);
  const linked = linkChanges(sentences);
  if (linked.length === 0) return own;
  return [...own, ...linked].sort((a, b) => a.sentence - b.sentence);
}
