import type { Change } from "./quantities.js";

export interface ArithmeticIssue {
  sentence: number;
  text: string;
  before: number;
  after: number;
  claimed: string;
  actual: string;
}

const TOLERANCE_POINTS = 3;
const TOLERANCE_SHARE = 0.12;

function close(claimed: number, actual: number): boolean {
  return Math.abs(claimed - actual) <= Math.max(TOLERANCE_POINTS, actual * TOLERANCE_SHARE);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}

/**
 * Checks a before→after pair against the change the answer claims for it ("from 12 days to 8, a 50%
 * cut"). For two percentages, a claim that matches either the relative change or the difference in
 * points is accepted.
 */
export function checkArithmetic(change: Change): ArithmeticIssue | null {
  const { before, after, claimedPercent, claimedRatio } = change;
  if (before === null || after === null || before === 0) return null;
  const relative = (Math.abs(after - before) / Math.abs(before)) * 100;
  if (claimedPercent !== null) {
    const points = Math.abs(after - before);
    const accepted = close(claimedPercent, relative) || (change.percent && close(claimedPercent, points));
    if (accepted) return null;
    return {
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
