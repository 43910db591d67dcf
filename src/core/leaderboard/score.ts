import { streaks, utcDay } from "./streaks.js";

export interface PracticePoint {
  userId: string;
  /** ISO timestamp. */
  at: string;
  /** 1–5. */
  overall: number;
}

export interface LeaderboardRow {
  userId: string;
  points: number;
  /** Answers counted in the period. */
  answers: number;
  /** Distinct UTC days practised in the period. */
  days: number;
  /** Mean overall of counted answers, 1 decimal. */
  average: number;
  /** Points from improvement. */
  improvement: number;
  /** Current streak in days. */
  streak: number;
}

export const LEADERBOARD_RULES = {
  perAnswer: 10,
  perDayCap: 5,
  qualityPerPoint: 2,
  improvementPerPoint: 20,
  perStreakDay: 5,
  streakCap: 7,
};

/** Answers averaged for the baseline before the period and for the recent level. */
export const LEADERBOARD_WINDOW = 5;
const DEFAULT_LIMIT = 10;

/**
 * A user's numbers for a period, from which their row is scored: what the store aggregates in SQL
 * (Store.guildStandings), or `leaderboard` below from single answers. Sums are of overall scores.
 */
export interface PeriodTotals {
  userId: string;
  /** Counted answers: in the period, the first `perDayCap` of each UTC day. */
  answers: number;
  overallSum: number;
  /** Distinct UTC days practised in the period. */
  days: number;
  /** The first counted answer's overall. */
  firstOverall: number;
  /** The last LEADERBOARD_WINDOW counted answers. */
  recentSum: number;
  recentCount: number;
  /** The last LEADERBOARD_WINDOW answers before the period; a count of 0 when there are none. */
  baselineSum: number;
  baselineCount: number;
  /** Current streak in days, over all the user's answers up to now. */
  streak: number;
}

interface Timed extends PracticePoint {
  ms: number;
  day: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const sumOverall = (ps: readonly Timed[]) => ps.reduce((sum, p) => sum + p.overall, 0);

/**
 * Ranks users for a period by practice and improvement, not by raw score alone. `from` null = all time.
 * Points before `from` are the improvement baseline only; points at or after `now` are ignored.
 *
 * - Practice: 10 points per graded answer in the period, counting at most 5 answers per UTC day (the first
 *   five of the day), so spamming does not win. Only counted answers earn quality points.
 * - Quality: 2 × overall for each counted answer.
 * - Improvement: baseline = mean overall of the user's last 5 answers before the period, or if there are
 *   none their first counted answer; recent = mean of their last 5 counted answers.
 *   Points = max(0, round(20 × (recent − baseline))).
 * - Streak: 5 points per day of the current streak (over all the user's answers up to now), at most 7 days.
 *
 * Answers whose time does not parse or whose overall is not 1–5 are ignored.
 * Rank: points, then average, then answers (all descending), then userId. Users with no counted answer in
 * the period are not listed. `limit` defaults to 10.
 */
export function leaderboard(
  points: readonly PracticePoint[],
  options: { from: string | null; now: string; limit?: number },
): LeaderboardRow[] {
  return rankTotals(periodTotals(points, options), options.limit);
}

/** Each user's totals for the period from single answers (see `leaderboard`); unordered. */
export function periodTotals(
  points: readonly PracticePoint[],
  options: { from: string | null; now: string },
): PeriodTotals[] {
  const now = Date.parse(options.now);
  const from = options.from === null ? Number.NEGATIVE_INFINITY : Date.parse(options.from);
  if (Number.isNaN(now) || Number.isNaN(from))
    throw new RangeError("leaderboard: from and now must be dates");

  const byUser = new Map<string, Timed[]>();
  for (const p of points) {
    const ms = Date.parse(p.at);
    if (!(ms < now) || !(p.overall >= 1 && p.overall <= 5)) continue;
    const timed = { ...p, ms, day: utcDay(ms) };
    const list = byUser.get(p.userId);
    if (list) list.push(timed);
    else byUser.set(p.userId, [timed]);
  }

  const totals: PeriodTotals[] = [];
  for (const [userId, all] of byUser) {
    const t = totalsOf(userId, all, from, options.now);
    if (t) totals.push(t);
  }
  return totals;
}

/** Scores and ranks users from their period totals (see `leaderboard`); at most `limit` rows. */
export function rankTotals(totals: readonly PeriodTotals[], limit = DEFAULT_LIMIT): LeaderboardRow[] {
  const rows = totals.filter((t) => t.answers > 0).map(rowOf);
  rows.sort(
    (a, b) =>
      b.points - a.points ||
      b.average - a.average ||
      b.answers - a.answers ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  return rows.slice(0, Math.max(0, limit));
}

function rowOf(t: PeriodTotals): LeaderboardRow {
  const rules = LEADERBOARD_RULES;
  // With no answers before the period, improvement is measured from where the user started: their first.
  const baseline = t.baselineCount > 0 ? t.baselineSum / t.baselineCount : t.firstOverall;
  const recent = t.recentSum / t.recentCount;
  const improvement = Math.max(0, Math.round(rules.improvementPerPoint * (recent - baseline)));
  return {
    userId: t.userId,
    points:
      rules.perAnswer * t.answers +
      rules.qualityPerPoint * t.overallSum +
      improvement +
      rules.perStreakDay * Math.min(t.streak, rules.streakCap),
    answers: t.answers,
    days: t.days,
    average: round1(t.overallSum / t.answers),
    improvement,
    streak: t.streak,
  };
}

/** One user's totals from all their answers before now, or null when none is counted in the period. */
function totalsOf(userId: string, all: Timed[], from: number, now: string): PeriodTotals | null {
  all.sort((a, b) => a.ms - b.ms);
  const before = all.filter((p) => p.ms < from);
  const perDay = new Map<number, number>();
  const counted = all.filter((p) => {
    if (p.ms < from) return false;
    const n = perDay.get(p.day) ?? 0;
    perDay.set(p.day, n + 1);
    return n < LEADERBOARD_RULES.perDayCap;
  });
  const first = counted[0];
  if (!first) return null;
  const baseline = before.slice(-LEADERBOARD_WINDOW);
  const recent = counted.slice(-LEADERBOARD_WINDOW);
  return {
    userId,
    answers: counted.length,
    overallSum: sumOverall(counted),
    days: perDay.size,
    firstOverall: first.overall,
    recentSum: sumOverall(recent),
    recentCount: recent.length,
    baselineSum: sumOverall(baseline),
    baselineCount: baseline.length,
    streak: streaks(
      all.map((p) => p.at),
      now,
    ).current,
  };
}
