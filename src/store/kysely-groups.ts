import { type Kysely, sql } from "kysely";
import { CriterionIdSchema } from "../core/criteria.js";
import type {
  ClaimRequest,
  DailyPostClaim,
  DailyPostRecord,
  GroupStore,
  SummaryRecord,
} from "./group-store.js";
import { parseJson } from "./json.js";
import {
  type DailySchedule,
  DailyScheduleSchema,
  type GroupRound,
  GroupRoundSchema,
  type RoundEntry,
  ShareSchema,
  type StoredPeerRating,
} from "./records.js";
import type { Database, RoundEntriesTable } from "./schema.js";

function toEntry(row: RoundEntriesTable): RoundEntry {
  return {
    roundId: row.round_id,
    userId: row.user_id,
    attemptId: row.attempt_id,
    share: ShareSchema.catch("none").parse(row.share),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The status column is the truth: closeRound claims it first and updates the JSON after. */
function toRound(row: { id: string; status: string; round: string }): GroupRound {
  const round = parseJson(GroupRoundSchema, row.round, `round ${row.id}`);
  return row.status === "closed" ? { ...round, status: "closed" } : round;
}

const SUMMARY_STATES = ["none", "pending", "posted", "abandoned"] as const;

/** The GroupStore contract over Kysely, for both engines. */
export class KyselyGroupStore implements GroupStore {
  constructor(private readonly db: Kysely<Database>) {}

  async saveRound(round: GroupRound): Promise<void> {
    const text = JSON.stringify(GroupRoundSchema.parse(round));
    await this.db
      .insertInto("group_rounds")
      .values({
        id: round.id,
        guild_id: round.guildId,
        status: round.status,
        closes_at: round.closesAt,
        round: text,
        created_at: round.createdAt,
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          // A round closed meanwhile (by another shard, say) stays closed.
          status: sql<string>`CASE WHEN group_rounds.status = 'closed' THEN 'closed' ELSE ${round.status} END`,
          closes_at: round.closesAt,
          round: text,
        }),
      )
      .execute();
  }

  async getRound(id: string): Promise<GroupRound | null> {
    const row = await this.db
      .selectFrom("group_rounds")
      .select(["id", "status", "round"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toRound(row) : null;
  }

  async listDueRounds(now: string): Promise<GroupRound[]> {
    const rows = await this.db
      .selectFrom("group_rounds")
      .select(["id", "status", "round"])
      .where("status", "=", "open")
      .where("closes_at", "<=", now)
      .orderBy("closes_at")
      .execute();
    return rows.map(toRound);
  }

  async listOpenRounds(guildId: string): Promise<GroupRound[]> {
    const rows = await this.db
      .selectFrom("group_rounds")
      .select(["id", "status", "round"])
      .where("guild_id", "=", guildId)
      .where("status", "=", "open")
      .orderBy("created_at", "desc")
      .execute();
    return rows.map(toRound);
  }

  async closeRound(
    id: string,
    at: string,
    by: string | null,
    summary: ClaimRequest | null,
  ): Promise<boolean> {
    // The status check in the UPDATE is the claim: of two closers, only one changes the row, and the same
    // write claims the summary, so no crash can leave a closed round with nobody to post its summary. No
    // transaction: SQLite connections in one process would wait on each other's lock.
    const result = await this.db
      .updateTable("group_rounds")
      .set(
        summary
          ? {
              status: "closed",
              summary_state: "pending",
              summary_by: summary.by,
              summary_lease_until: summary.leaseUntil,
              summary_attempts: 1,
            }
          : { status: "closed", summary_state: "none" },
      )
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const round = await this.getRound(id);
    if (round) {
      const closed = JSON.stringify({ ...round, status: "closed", closedAt: at, closedBy: by });
      await this.db.updateTable("group_rounds").set({ round: closed }).where("id", "=", id).execute();
    }
    return true;
  }

  async listPendingSummaries(now: string): Promise<GroupRound[]> {
    const rows = await this.db
      .selectFrom("group_rounds")
      .select(["id", "status", "round"])
      .where("status", "=", "closed")
      .where("summary_state", "=", "pending")
      .where("summary_lease_until", "<=", now)
      .orderBy("closes_at")
      .execute();
    return rows.map(toRound);
  }

  async claimSummary(roundId: string, claim: ClaimRequest): Promise<number | null> {
    const row = await this.db
      .updateTable("group_rounds")
      .set((eb) => ({
        summary_by: claim.by,
        summary_lease_until: claim.leaseUntil,
        summary_attempts: eb("summary_attempts", "+", 1),
      }))
      .where("id", "=", roundId)
      .where("summary_state", "=", "pending")
      .where("summary_lease_until", "<=", claim.at)
      .returning("summary_attempts")
      .executeTakeFirst();
    return row ? Number(row.summary_attempts) : null;
  }

  async recordSummary(roundId: string, by: string, messageId: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable("group_rounds")
      .set({ summary_state: messageId === null ? "abandoned" : "posted", summary_message_id: messageId })
      .where("id", "=", roundId)
      .where("summary_state", "=", "pending")
      .where("summary_by", "=", by)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseSummary(roundId: string, by: string, retryAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable("group_rounds")
      .set({ summary_lease_until: retryAt })
      .where("id", "=", roundId)
      .where("summary_state", "=", "pending")
      .where("summary_by", "=", by)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async getSummary(roundId: string): Promise<SummaryRecord | null> {
    const row = await this.db
      .selectFrom("group_rounds")
      .select([
        "summary_state",
        "summary_by",
        "summary_lease_until",
        "summary_attempts",
        "summary_message_id",
      ])
      .where("id", "=", roundId)
      .executeTakeFirst();
    if (!row) return null;
    const state = SUMMARY_STATES.find((x) => x === row.summary_state) ?? "none";
    return {
      state,
      by: row.summary_by,
      leaseUntil: row.summary_lease_until,
      attempts: Number(row.summary_attempts),
      messageId: row.summary_message_id,
    };
  }

  async saveEntry(entry: RoundEntry): Promise<void> {
    await this.db
      .insertInto("round_entries")
      .values({
        round_id: entry.roundId,
        user_id: entry.userId,
        attempt_id: entry.attemptId,
        share: entry.share,
        created_at: entry.createdAt,
        updated_at: entry.updatedAt,
      })
      .onConflict((oc) =>
        oc.columns(["round_id", "user_id"]).doUpdateSet({
          attempt_id: entry.attemptId,
          share: entry.share,
          updated_at: entry.updatedAt,
        }),
      )
      .execute();
  }

  async getEntry(roundId: string, userId: string): Promise<RoundEntry | null> {
    const row = await this.db
      .selectFrom("round_entries")
      .selectAll()
      .where("round_id", "=", roundId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async listEntries(roundId: string): Promise<RoundEntry[]> {
    const rows = await this.db
      .selectFrom("round_entries")
      .selectAll()
      .where("round_id", "=", roundId)
      .orderBy("created_at")
      .orderBy("user_id")
      .execute();
    return rows.map(toEntry);
  }

  async setShare(roundId: string, userId: string, share: RoundEntry["share"], at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("round_entries")
      .set({ share, updated_at: at })
      .where("round_id", "=", roundId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async rate(r: StoredPeerRating): Promise<void> {
    await this.db
      .insertInto("peer_ratings")
      .values({
        round_id: r.roundId,
        rater_id: r.raterId,
        target_id: r.targetId,
        criterion: r.criterion,
        score: r.score,
        at: r.at,
      })
      .onConflict((oc) =>
        oc
          .columns(["round_id", "rater_id", "target_id", "criterion"])
          .doUpdateSet({ score: r.score, at: r.at }),
      )
      .execute();
  }

  async listRatings(roundId: string): Promise<StoredPeerRating[]> {
    const rows = await this.db
      .selectFrom("peer_ratings")
      .selectAll()
      .where("round_id", "=", roundId)
      .orderBy("at")
      .execute();
    return rows.map((r) => ({
      roundId: r.round_id,
      raterId: r.rater_id,
      targetId: r.target_id,
      criterion: CriterionIdSchema.parse(r.criterion),
      score: r.score,
      at: r.at,
    }));
  }

  async clearRatingsOf(roundId: string, targetId: string): Promise<number> {
    const result = await this.db
      .deleteFrom("peer_ratings")
      .where("round_id", "=", roundId)
      .where("target_id", "=", targetId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async saveDaily(schedule: DailySchedule): Promise<void> {
    const text = JSON.stringify(DailyScheduleSchema.parse(schedule));
    await this.db
      .insertInto("daily_schedules")
      .values({ guild_id: schedule.guildId, schedule: text, updated_at: schedule.updatedAt })
      .onConflict((oc) =>
        oc.column("guild_id").doUpdateSet({ schedule: text, updated_at: schedule.updatedAt }),
      )
      .execute();
  }

  async getDaily(guildId: string): Promise<DailySchedule | null> {
    const row = await this.db
      .selectFrom("daily_schedules")
      .select("schedule")
      .where("guild_id", "=", guildId)
      .executeTakeFirst();
    return row ? parseJson(DailyScheduleSchema, row.schedule, `daily schedule ${guildId}`) : null;
  }

  async listDailies(): Promise<DailySchedule[]> {
    const rows = await this.db.selectFrom("daily_schedules").select(["guild_id", "schedule"]).execute();
    return rows.map((r) => parseJson(DailyScheduleSchema, r.schedule, `daily schedule ${r.guild_id}`));
  }

  async deleteDaily(guildId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("daily_schedules")
      .where("guild_id", "=", guildId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async claimDailyPost(guildId: string, day: string, claim: ClaimRequest): Promise<DailyPostClaim | null> {
    // One statement: the first claim inserts the row; a retry takes over a row that is not posted and whose
    // lease is over. Of concurrent claimants one writes; the others find the row taken and get nothing.
    const row = await this.db
      .insertInto("daily_posts")
      .values({
        guild_id: guildId,
        day,
        claimed_by: claim.by,
        claimed_at: claim.at,
        state: "claimed",
        lease_until: claim.leaseUntil,
        attempts: 1,
        round_id: null,
        message_id: null,
        posted_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(["guild_id", "day"])
          .doUpdateSet((eb) => ({
            claimed_by: eb.ref("excluded.claimed_by"),
            claimed_at: eb.ref("excluded.claimed_at"),
            lease_until: eb.ref("excluded.lease_until"),
            attempts: eb("daily_posts.attempts", "+", 1),
          }))
          .where("daily_posts.state", "=", "claimed")
          .where("daily_posts.lease_until", "<=", claim.at),
      )
      .returning(["attempts", "round_id", "message_id"])
      .executeTakeFirst();
    if (!row) return null;
    return {
      guildId,
      day,
      by: claim.by,
      attempt: Number(row.attempts),
      roundId: row.round_id,
      messageId: row.message_id,
    };
  }

  async recordDailyPost(
    guildId: string,
    day: string,
    by: string,
    progress: { roundId?: string; messageId?: string | null; postedAt?: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("daily_posts")
      .set({
        ...(progress.roundId !== undefined ? { round_id: progress.roundId } : {}),
        ...(progress.messageId !== undefined ? { message_id: progress.messageId } : {}),
        ...(progress.postedAt !== undefined ? { state: "posted", posted_at: progress.postedAt } : {}),
      })
      .where("guild_id", "=", guildId)
      .where("day", "=", day)
      .where("claimed_by", "=", by)
      .where("state", "=", "claimed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseDailyPost(guildId: string, day: string, by: string, retryAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable("daily_posts")
      .set({ lease_until: retryAt })
      .where("guild_id", "=", guildId)
      .where("day", "=", day)
      .where("claimed_by", "=", by)
      .where("state", "=", "claimed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async getDailyPost(guildId: string, day: string): Promise<DailyPostRecord | null> {
    const row = await this.db
      .selectFrom("daily_posts")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("day", "=", day)
      .executeTakeFirst();
    if (!row) return null;
    return {
      guildId: row.guild_id,
      day: row.day,
      state: row.state === "claimed" ? "claimed" : "posted",
      claimedBy: row.claimed_by,
      claimedAt: row.claimed_at,
      leaseUntil: row.lease_until,
      attempts: Number(row.attempts),
      roundId: row.round_id,
      messageId: row.message_id,
      postedAt: row.posted_at,
    };
  }
}
