import { CRITERIA, type CriterionId } from "../criteria.js";

export interface PeerRating {
  raterId: string;
  targetId: string;
  criterion: CriterionId;
  /** 0–4, as the rubric scores. */
  score: number;
}

export interface PeerAgreement {
  /** Ratings counted (own-answer ratings ignored). */
  ratings: number;
  /** Distinct raters. */
  raters: number;
  /** (answer, criterion) pairs with at least one peer rating. */
  pairs: number;
  /** Share 0–1 of pairs where the rounded peer mean equals the grader's score. */
  exact: number;
  /** Share 0–1 of pairs where |peer mean − grader| ≤ 1. */
  withinOne: number;
  /** Mean of (peer mean − grader) over pairs, rounded to 0.1; positive: peers were kinder. */
  meanDifference: number;
  /** In CRITERIA order, only criteria with pairs. */
  perCriterion: Array<{ criterion: CriterionId; pairs: number; meanDifference: number }>;
}

interface Pair {
  criterion: CriterionId;
  peerMean: number;
  grader: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10 + 0; // + 0 turns -0 into 0
const mean = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0) / ns.length;
const isScore = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 4;

/**
 * How peers' ratings of each answer compare with the grader's scores. Null when no usable rating.
 * Ratings of one's own answer, of answers the grader did not score, and scores outside 0–4 are ignored;
 * when a rater rated the same criterion of an answer twice, the last rating counts.
 */
export function peerAgreement(
  ratings: readonly PeerRating[],
  graderScores: ReadonlyMap<string, Record<CriterionId, number>>,
): PeerAgreement | null {
  const latest = new Map<string, PeerRating>();
  for (const r of ratings) {
    if (r.raterId === r.targetId || !CRITERIA.includes(r.criterion) || !isScore(r.score)) continue;
    if (!isScore(graderScores.get(r.targetId)?.[r.criterion])) continue;
    const key = JSON.stringify([r.raterId, r.targetId, r.criterion]);
    latest.set(key, r);
  }
  if (latest.size === 0) return null;

  const byPair = new Map<string, PeerRating[]>();
  for (const r of latest.values()) {
    const key = JSON.stringify([r.targetId, r.criterion]);
    const list = byPair.get(key);
    if (list) list.push(r);
    else byPair.set(key, [r]);
  }
  const pairs: Pair[] = [...byPair.values()].map((rs) => {
    const { targetId, criterion } = rs[0] as PeerRating;
    const grader = graderScores.get(targetId)?.[criterion] as number;
    return { criterion, peerMean: mean(rs.map((r) => r.score)), grader };
  });

  const share = (test: (p: Pair) => boolean) => pairs.filter(test).length / pairs.length;
  const difference = (ps: readonly Pair[]) => round1(mean(ps.map((p) => p.peerMean - p.grader)));
  return {
    ratings: latest.size,
    raters: new Set([...latest.values()].map((r) => r.raterId)).size,
    pairs: pairs.length,
    exact: share((p) => Math.round(p.peerMean) === p.grader),
    // The tolerance absorbs floating-point error in means such as 7/3.
    withinOne: share((p) => Math.abs(p.peerMean - p.grader) <= 1 + 1e-9),
    meanDifference: difference(pairs),
    perCriterion: CRITERIA.flatMap((criterion) => {
      const own = pairs.filter((p) => p.criterion === criterion);
      return own.length ? [{ criterion, pairs: own.length, meanDifference: difference(own) }] : [];
    }),
  };
}
