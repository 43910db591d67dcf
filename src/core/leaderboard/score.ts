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
const WINDOW = 5;
/** With no answers before the period, improvement is measured from where the user started: their first. */
const FIRST_IN_PERIOD = 1;
const DEFAULT_LIMIT = 10;

interface Timed extends PracticePoint {
  ms: number;
  day: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const meanOverall = (ps: readonly Timed[]) => ps.reduce((sum, p) => sum + p.overall, 0) / ps.length;

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

  const rows: LeaderboardRow[] = [];
  for (const [userId, all] of byUser) {
    const row = scoreUser(userId, all, from, options.now);
    if (row) rows.push(row);
  }
  rows.sort(
    (a, b) =>
      b.points - a.points ||
      b.average - a.average ||
      b.answers - a.answers ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  return rows.slice(0, Math.max(0, options.limit ?? DEFAULT_LIMIT));
}

/** One user's row from all their answers before now, or null when none is counted in the period. */
function scoreUser(userId: string, all: Timed[], from: number, now: string): LeaderboardRow | null {
  const rules = LEADERBOARD_RULES;
  all.sort((a, b) => a.ms - b.ms);
  const before = all.filter((p) => p.ms < from);
  const perDay = new Map<number, number>();
  const counted = all.filter((p) => {
    if (p.ms < from) return false;
    const n = perDay.get(p.day) ?? 0;
    perDay.set(p.day, n + 1);
    return n < rules.perDayCap;
  });
  if (counted.length === 0) return null;

  const baseline = meanOverall(before.length ? before.slice(-WINDOW) : counted.slice(0, FIRST_IN_PERIOD));
  const recent = meanOverall(counted.slice(-WINDOW));
  const improvement = Math.max(0, Math.round(rules.improvementPerPoint * (recent - baseline)));
  const quality = counted.reduce((sum, p) => sum + rules.qualityPerPoint * p.overall, 0);
  const streak = streaks(
    all.map((p) => p.at),
    now,
  ).current;
  return {
    userId,
    points:
      rules.perAnswer * counted.length +
      quality +
      improvement +
      rules.perStreakDay * Math.min(streak, rules.streakCap),
    answers: counted.length,
    days: perDay.size,
    average: round1(meanOverall(counted)),
    improvement,
    streak,
  };
}
