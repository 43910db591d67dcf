import type { Change, Quantity } from "./quantities.js";

/** "mismatch": the figures disagree with the claimed change. "impossible": no figure could be right. */
export type ArithmeticKind = "mismatch" | "impossible";
export type ImpossibleReason = "share_over_100" | "fall_over_100" | "savings_over_budget";

export interface ArithmeticIssue {
  kind: ArithmeticKind;
  /** For an impossible figure: a share above 100%, a fall of more than 100%, savings above the budget. */
  reason?: ImpossibleReason;
  sentence: number;
  text: string;
  before: number;
  after: number;
  /** What the answer says ("50%", "halved", "160%", "$5M"). */
  claimed: string;
  /** What the figures give, or for an impossible figure the most it can be ("33.3%", "100%", "$1M"). */
  actual: string;
}

/** What the impossible-figure check needs of a sentence (an AnalyzedSentence has all of it). */
export interface ArithmeticSentence {
  sentence: { index: number; text: string };
  quantities: readonly Quantity[];
  changes: readonly Change[];
}

const TOLERANCE_POINTS = 3;
const TOLERANCE_SHARE = 0.12;

/**
 * Metrics that are shares of a whole, so never above 100%: on-time, fill rate, accuracy, yield, OEE...
 * Utilisation and occupancy are not among them: a line loaded at 104% of capacity, or a ward at 105%
 * occupancy, is an overload people report, not an impossible figure. Matched against the start of the metric term found next to a figure (the metric
 * terms themselves are in the lexicon).
 */
export const SHARE_METRICS: readonly string[] = [
  "on time",
  "otif",
  "fill rate",
  "service level",
  "accuracy",
  "record accuracy",
  "forecast accuracy",
  "yield",
  "first pass yield",
  "fpy",
  "oee",
  "uptime",
  "availability",
  "schedule attainment",
  "schedule adherence",
  "compliance",
  "adoption",
  "retention",
  "first contact resolution",
  "attendance",
];

export function isShareMetric(name: string): boolean {
  return SHARE_METRICS.some((m) => name === m || name.startsWith(m));
}

function close(claimed: number, actual: number): boolean {
  return Math.abs(claimed - actual) <= Math.max(TOLERANCE_POINTS, actual * TOLERANCE_SHARE);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}

/**
 * Checks a before→after pair against the change the answer claims for it ("from 12 days to 8, a 50%
 * cut"). For two percentages, a claim that matches either the relative change or the difference in
 * points is accepted. A claimed fall of more than 100% is impossible whatever the figures.
 */
export function checkArithmetic(change: Change): ArithmeticIssue | null {
  const { before, after, claimedPercent, claimedRatio } = change;
  if (before === null || after === null || before === 0) return null;
  const relative = (Math.abs(after - before) / Math.abs(before)) * 100;
  if (claimedPercent !== null) {
    if (claimedPercent > 100 && after < before) {
      return {
        kind: "impossible",
        reason: "fall_over_100",
        sentence: change.sentence,
        text: change.text,
        before,
        after,
        claimed: `${fmt(claimedPercent)}%`,
        actual: "100%",
      };
    }
    const points = Math.abs(after - before);
    const accepted = close(claimedPercent, relative) || (change.percent && close(claimedPercent, points));
    if (accepted) return null;
    return {
      kind: "mismatch",
      sentence: change.sentence,
      text: change.text,
      before,
      after,
      claimed: `${fmt(claimedPercent)}%`,
      actual: `${fmt(relative)}%`,
    };
  }
  if (claimedRatio !== null) {
    const ratio = after / before;
    if (Math.abs(ratio - claimedRatio) <= claimedRatio * 0.15) return null;
    const word = claimedRatio < 1 ? "halved" : claimedRatio === 2 ? "doubled" : `${claimedRatio}x`;
    return {
      kind: "mismatch",
      sentence: change.sentence,
      text: change.text,
      before,
      after,
      claimed: word,
      actual: `${fmt(ratio)}x`,
    };
  }
  return null;
}

/**
 * The pair of its sentence a figure is part of, if any. Figures are asked in order and a sentence's
 * pairs are in order, so one cursor walks both lists once.
 */
function pairFinder(s: ArithmeticSentence) {
  const pairs = s.changes.filter((c) => c.start !== undefined && c.end !== undefined && !c.linked);
  let i = 0;
  return (q: Quantity): Change | null => {
    while (i < pairs.length && (pairs[i]?.end ?? 0) < q.end) i++;
    const c = pairs[i];
    return c && q.start >= (c.start ?? Number.POSITIVE_INFINITY) && q.end <= (c.end ?? 0) ? c : null;
  };
}

const PER_YEAR: Record<string, number> = { day: 365, week: 52, month: 12, quarter: 4, year: 1 };

/** A sum of money a year, for a rate ("$50,000 a month"); the sum itself when it has no period. */
function yearly(q: Quantity): { value: number; periodic: boolean } | null {
  if (!q.per) return { value: q.value, periodic: false };
  const n = PER_YEAR[q.per];
  return n === undefined ? null : { value: q.value * n, periodic: true };
}

/**
 * Figures no answer can have right: a share above 100% ("on-time delivery from 60% to 160%"), a fall of
 * more than 100% ("errors fell by 250%"), savings larger than the budget they came from ("saving $5M on
 * a $1M budget"). Guessed figures are left out. One pass over the figures.
 */
export function impossibleFigures(sentences: readonly ArithmeticSentence[]): ArithmeticIssue[] {
  const out: ArithmeticIssue[] = [];
  const largest = {
    saving: [null, null] as Array<{ q: Quantity; s: ArithmeticSentence; value: number } | null>,
    budget: [null, null] as Array<{ q: Quantity; s: ArithmeticSentence; value: number } | null>,
  };
  for (const s of sentences) {
    const pairOf = pairFinder(s);
    for (const q of s.quantities) {
      if (q.hedged) continue;
      const top = q.range?.high ?? q.value;
      const pair = pairOf(q);
      if (q.kind === "percent" && top > 100 && !q.relative) {
        if (!q.delta && q.metric && isShareMetric(q.metric.name)) {
          out.push({
            kind: "impossible",
            reason: "share_over_100",
            sentence: s.sentence.index,
            text: pair ? pair.text : s.sentence.text,
            before: pair?.before ?? q.value,
            after: pair?.after ?? q.value,
            claimed: `${fmt(top)}%`,
            actual: "100%",
          });
        } else if (q.delta && q.direction === "down") {
          out.push({
            kind: "impossible",
            reason: "fall_over_100",
            sentence: s.sentence.index,
            text: s.sentence.text,
            before: pair?.before ?? q.value,
            after: pair?.after ?? q.value,
            claimed: `${fmt(top)}%`,
            actual: "100%",
          });
        }
      }
      if (q.kind === "money" && (q.purpose === "saving" || q.purpose === "budget")) {
        const y = yearly(q);
        if (!y) continue;
        const slot = largest[q.purpose];
        const i = y.periodic ? 1 : 0;
        if (!slot[i] || y.value > (slot[i]?.value ?? 0)) slot[i] = { q, s, value: y.value };
      }
    }
  }
  // Savings beyond every budget stated in the same terms: one-off against one-off, yearly against yearly.
  for (const i of [0, 1]) {
    const saving = largest.saving[i];
    const budget = largest.budget[i];
    if (saving && budget && saving.value > budget.value) {
      out.push({
        kind: "impossible",
        reason: "savings_over_budget",
        sentence: saving.s.sentence.index,
        text: saving.s.sentence.text,
        before: budget.q.value,
        after: saving.q.value,
        claimed: saving.q.text,
        actual: budget.q.text,
      });
    }
  }
  return out;
}

/**
 * Every arithmetic issue of an answer: changes whose figures disagree with their claim, and impossible
 * figures; the same claim is reported once, impossible ones first.
 */
export function arithmeticIssues(
  changes: readonly Change[],
  sentences: readonly ArithmeticSentence[],
): ArithmeticIssue[] {
  const issues = [
    ...impossibleFigures(sentences),
    ...changes.map(checkArithmetic).filter((x): x is ArithmeticIssue => x !== null),
  ];
  const seen = new Set<string>();
  const out: ArithmeticIssue[] = [];
  for (const issue of issues.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "impossible" ? -1 : 1))) {
    const key = `${issue.sentence}|${issue.kind === "impossible" ? issue.claimed : `${issue.text}|${issue.claimed}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
