import type { DailySchedule, GroupRound, RoundEntry, StoredPeerRating } from "./records.js";

/** Group rounds, their answers and peer ratings, and daily-question schedules: the shared state of a server. */
export interface GroupStore {
  saveRound(round: GroupRound): Promise<void>;
  getRound(id: string): Promise<GroupRound | null>;
  /** Open rounds whose close time has passed, for the closer to pick up after a restart. */
  listDueRounds(now: string): Promise<GroupRound[]>;
  /** A guild's open rounds, newest first. */
  listOpenRounds(guildId: string): Promise<GroupRound[]>;
  /**
   * Marks an open round closed. True only for the one caller that closed it, so with several shards or
   * processes the summary is posted once.
   */
  closeRound(id: string, at: string, by: string | null): Promise<boolean>;

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
  /** Claims a guild's daily post for a UTC day: true for exactly one claimant, whichever process it is. */
  claimDailyPost(guildId: string, day: string, by: string, at: string): Promise<boolean>;
}
