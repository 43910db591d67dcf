import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Grade } from "../grading/types.js";
import { maskAnswer } from "./mask.js";
import { type PeerAgreement, type PeerRating, peerAgreement } from "./peer.js";

export type Share = "none" | "masked" | "verbatim";

export interface RoundEntry {
  userId: string;
  /** The display name when the user opted in to being named; null when they did not. */
  name: string | null;
  grade: Grade;
  answerText: string;
  /** What the author allowed to be shown to the group; the default everywhere is "none" (scores and notes only). */
  share: Share;
}

export interface RoundSummary {
  answered: number;
  /** Counts of overall scores: index 0 is overall 1, index 4 is overall 5. */
  distribution: [number, number, number, number, number];
  /** Mean overall, 1 decimal. */
  average: number | null;
  /** Criteria the group missed most: entries scoring 0 or 1; most missed first; only criteria missed by someone; at most 3. Ties: lower average first, then CRITERIA order. */
  mostMissed: Array<{ criterion: CriterionId; missed: number; average: number }>;
  /** Per criterion average over the entries, CRITERIA order; empty when nobody answered. */
  criteria: Array<{ criterion: CriterionId; average: number }>;
  strongest: {
    overall: number;
    /** null when the author did not opt in to being named: then evidence and notes are empty. */
    name: string | null;
    /** Quotes from the grade's evidence (at most 3, from the highest-scoring criteria), masked when share is "masked", empty when share is "none". */
    evidence: Array<{ criterion: CriterionId; quote: string }>;
    /** The grader's notes for its best criteria (at most 3): shared even when share is "none", as long as the author is named; masked unless share is "verbatim". */
    notes: Array<{ criterion: CriterionId; note: string }>;
  } | null;
  peer: PeerAgreement | null;
}

const MOST_MISSED = 3;
const STRONGEST_ITEMS = 3;
/** A criterion scoring this or lower was missed. */
const MISSED_AT = 1;

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0) / ns.length;
const scoresOf = (grade: Grade) =>
  Object.fromEntries(CRITERIA.map((c) => [c, grade.criteria[c].score])) as Record<CriterionId, number>;
const total = (grade: Grade) => CRITERIA.reduce((sum, c) => sum + grade.criteria[c].score, 0);

/** What a group sees after a round: the spread of scores, what most answers missed, and the strongest answer. */
export function summarizeRound(
  entries: readonly RoundEntry[],
  ratings: readonly PeerRating[],
  keep: readonly string[],
): RoundSummary {
  const overall = (e: RoundEntry) => Math.min(5, Math.max(1, Math.round(e.grade.overall)));
  const distribution = [1, 2, 3, 4, 5].map((o) => entries.filter((e) => overall(e) === o).length);
  const scores = (c: CriterionId) => entries.map((e) => e.grade.criteria[c].score);
  return {
    answered: entries.length,
    distribution: distribution as RoundSummary["distribution"],
    average: entries.length ? round1(mean(entries.map((e) => e.grade.overall))) : null,
    mostMissed: mostMissed(entries),
    criteria: entries.length ? CRITERIA.map((c) => ({ criterion: c, average: round1(mean(scores(c))) })) : [],
    strongest: strongest(entries, keep),
    peer: peerAgreement(ratings, new Map(entries.map((e) => [e.userId, scoresOf(e.grade)]))),
  };
}

function mostMissed(entries: readonly RoundEntry[]): RoundSummary["mostMissed"] {
  return CRITERIA.map((criterion, order) => {
    const scores = entries.map((e) => e.grade.criteria[criterion].score);
    return { criterion, order, missed: scores.filter((s) => s <= MISSED_AT).length, average: mean(scores) };
  })
    .filter((m) => m.missed > 0)
    .sort((a, b) => b.missed - a.missed || a.average - b.average || a.order - b.order)
    .slice(0, MOST_MISSED)
    .map(({ criterion, missed, average }) => ({ criterion, missed, average: round1(average) }));
}

/** The highest overall; ties go to the higher sum of criterion scores, then to the earlier entry. */
function strongest(entries: readonly RoundEntry[], keep: readonly string[]): RoundSummary["strongest"] {
  let best: RoundEntry | undefined;
  for (const e of entries) {
    if (!best || (e.grade.overall - best.grade.overall || total(e.grade) - total(best.grade)) > 0) best = e;
  }
  if (!best) return null;
  const { grade, name, share } = best;
  if (name === null) return { overall: grade.overall, name: null, evidence: [], notes: [] };

  // Best criteria first; Array.prototype.sort is stable, so ties keep CRITERIA order.
  const ranked = CRITERIA.filter((c) => grade.criteria[c].score > 0).sort(
    (a, b) => grade.criteria[b].score - grade.criteria[a].score,
  );
  const shown = (text: string) => (share === "verbatim" ? text : maskAnswer(text, keep).text).trim();
  const evidence: Array<{ criterion: CriterionId; quote: string }> = [];
  if (share !== "none") {
    const seen = new Set<string>();
    for (const criterion of ranked) {
      const quote = grade.criteria[criterion].evidence.map(shown).find((q) => q && !seen.has(q));
      if (quote === undefined) continue;
      seen.add(quote);
      evidence.push({ criterion, quote });
      if (evidence.length === STRONGEST_ITEMS) break;
    }
  }
  const notes = ranked
    .map((criterion) => ({ criterion, note: shown(grade.criteria[criterion].note) }))
    .filter((n) => n.note)
    .slice(0, STRONGEST_ITEMS);
  return { overall: grade.overall, name, evidence, notes };
}
