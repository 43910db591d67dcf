import {
  LEADERBOARD_RULES,
  LEADERBOARD_WINDOW,
  type LeaderboardRow,
  rankTotals,
} from "../core/leaderboard/score.js";
import type { Store } from "../store/store.js";

export const PERIODS = { week: 7, month: 30, all: null } as const;
const BASELINE_DAYS = 90;
export type Period = keyof typeof PERIODS;

export interface Board {
  period: Period;
  /** Public users only, best first, with their rank among them. */
  rows: Array<LeaderboardRow & { rank: number; name: string }>;
  /** The asking user's row when they practised in the period (their rank among the shown, or null). */
  me: (LeaderboardRow & { rank: number | null }) | null;
  /** Users who practised in the period but did not opt in to being shown. */
  hidden: number;
}

/** A server's leaderboard for a period: only users who opted in are listed. */
export async function guildBoard(
  store: Store,
  guildId: string,
  period: Period,
  askingUserId: string,
  now: Date,
  limit = 10,
): Promise<Board> {
  const days = PERIODS[period];
  const from = days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString();
  // The improvement baseline needs only the answers shortly before the period.
  const since =
    from === null ? undefined : new Date(Date.parse(from) - BASELINE_DAYS * 86_400_000).toISOString();
  // Aggregated in the database, every user in one query over an index of the numbers: a server with
  // tens of thousands of answers returns a row per member, not every answer to score here.
  const totals = await store.guildStandings(
    guildId,
    { from, now: now.toISOString(), ...(since ? { since } : {}) },
    { perDayCap: LEADERBOARD_RULES.perDayCap, window: LEADERBOARD_WINDOW },
  );
  const all = rankTotals(totals, Number.MAX_SAFE_INTEGER);
  const users = new Map((await store.getUsers(all.map((r) => r.userId))).map((u) => [u.id, u]));
  const rows: Board["rows"] = [];
  let hidden = 0;
  let me: Board["me"] = null;
  let shownSoFar = 0;
  for (const row of all) {
    const user = users.get(row.userId);
    const shown = user?.settings.public === true;
    if (shown) shownSoFar++;
    else hidden++;
    if (shown && rows.length < limit)
      rows.push({ ...row, rank: shownSoFar, name: user.displayName ?? "someone" });
    if (row.userId === askingUserId) me = { ...row, rank: shown ? shownSoFar : null };
  }
  return { period, rows, me, hidden };
}
