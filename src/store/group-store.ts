import type { DailySchedule, GroupRound, RoundEntry, StoredPeerRating } from "./records.js";

/**
 * A claim on posting something exactly once (a day's question, a round's summary). The claimant holds it
 * until `leaseUntil`; every write under it names `by`, so a claimant whose lease ran out and was taken over
 * can no longer record anything. A claimant that fails gives it back with a retry time instead.
 */
export interface ClaimRequest {
  /** A token unique to this claimant and attempt. */
  by: string;
  at: string;
  leaseUntil: string;
}

export interface DailyPostClaim {
  guildId: string;
  day: string;
  by: string;
  /** 1 for the first claim of the day, then one more per retry. */
  attempt: number;
  /** What an earlier attempt got done: the round it created, and its announcement if it was posted. */
  roundId: string | null;
  messageId: string | null;
}

export interface DailyPostRecord {
  guildId: string;
  day: string;
  state: "claimed" | "posted";
  claimedBy: string;
  claimedAt: string;
  leaseUntil: string;
  attempts: number;
  roundId: string | null;
  messageId: string | null;
  postedAt: string | null;
}

export interface SummaryRecord {
  /** `none`: not closed, or closed without one (never posted); `abandoned`: its channel is gone. */
  state: "none" | "pending" | "posted" | "abandoned";
  by: string | null;
  leaseUntil: string | null;
  attempts: number;
  messageId: string | null;
}

/** Group rounds, their answers and peer ratings, and daily-question schedules: the shared state of a server. */
export interface GroupStore {
  saveRound(round: GroupRound): Promise<void>;
  getRound(id: string): Promise<GroupRound | null>;
  /** Open rounds whose close time has passed, for the closer to pick up after a restart. */
  listDueRounds(now: string): Promise<GroupRound[]>;
  /** A guild's open rounds, newest first. */
  listOpenRounds(guildId: string): Promise<GroupRound[]>;
  /**
   * Marks an open round closed. True only for the one caller that closed it. With `summary`, the same
   * write claims the round's summary for that caller (pending until recorded); with null the round closes
   * without one (it was never posted).
   */
  closeRound(id: string, at: string, by: string | null, summary: ClaimRequest | null): Promise<boolean>;
  /** Closed rounds whose summary is pending and whose claim's lease is over: a failed or interrupted post. */
  listPendingSummaries(now: string): Promise<GroupRound[]>;
  /** Takes a pending summary whose lease is over; the attempt number, or null when it is not to be had. */
  claimSummary(roundId: string, claim: ClaimRequest): Promise<number | null>;
  /**
   * Records the posted summary (null: not posted, as its channel is gone); false when `by` no longer
   * holds the claim.
   */
  recordSummary(roundId: string, by: string, messageId: string | null): Promise<boolean>;
  /** Gives a failed attempt's claim back, to be taken again from `retryAt`. */
  releaseSummary(roundId: string, by: string, retryAt: string): Promise<boolean>;
  getSummary(roundId: string): Promise<SummaryRecord | null>;

  /** Adds or replaces a user's answer in a round. */
  saveEntry(entry: RoundEntry): Promise<void>;
  getEntry(roundId: string, userId: string): Promise<RoundEntry | null>;
  listEntries(roundId: string): Promise<RoundEntry[]>;
  setShare(roundId: string, userId: string, share: RoundEntry["share"], at: string): Promise<boolean>;

  /** Records a rating, replacing the rater's earlier one for the same answer and criterion. */
  rate(rating: StoredPeerRating): Promise<void>;
  listRatings(roundId: string): Promise<StoredPeerRating[]>;
  /** Forgets the ratings of a user's answer (it was replaced: they rated another text). */
  clearRatingsOf(roundId: string, targetId: string): Promise<number>;

  saveDaily(schedule: DailySchedule): Promise<void>;
  getDaily(guildId: string): Promise<DailySchedule | null>;
  listDailies(): Promise<DailySchedule[]>;
  /** True when it removed a schedule. */
  deleteDaily(guildId: string): Promise<boolean>;
  /**
   * Claims a guild's daily post for a UTC day: the first claim, or a retry of one not posted whose lease
   * is over. Null when the day is posted or another claimant holds it; of concurrent claimants, one wins.
   */
  claimDailyPost(guildId: string, day: string, claim: ClaimRequest): Promise<DailyPostClaim | null>;
  /**
   * Records progress under a claim (the round, the announcement's message id) and, with `postedAt`, that
   * the day is posted. False when `by` no longer holds the claim.
   */
  recordDailyPost(
    guildId: string,
    day: string,
    by: string,
    progress: { roundId?: string; messageId?: string | null; postedAt?: string },
  ): Promise<boolean>;
  /** Gives a failed attempt's claim back, to be taken again from `retryAt`. */
  releaseDailyPost(guildId: string, day: string, by: string, retryAt: string): Promise<boolean>;
  getDailyPost(guildId: string, day: string): Promise<DailyPostRecord | null>;
}
