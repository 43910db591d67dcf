import { type LeaderboardRow, leaderboard } from "../core/leaderboard/score.js";
import type { Store } from "../store/store.js";
import { withoutSuperseded } from "./history.js";

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
  // Numbers only (the `overall` column), and every user in one query: a server with thousands of
  // answers is a few milliseconds, not a parse of every grade and a query per member.
  const scores = await store.listGuildScores(guildId, since ? { since } : {});
  const points = withoutSuperseded(scores).map((a) => ({
    userId: a.userId,
    at: a.createdAt,
    overall: a.overall,
  }));
  const all = leaderboard(points, { from, now: now.toISOString(), limit: Number.MAX_SAFE_INTEGER });
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
