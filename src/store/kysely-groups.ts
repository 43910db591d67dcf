import type { Kysely } from "kysely";
import { CriterionIdSchema } from "../core/criteria.js";
import type { GroupStore } from "./group-store.js";
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
        oc.column("id").doUpdateSet({ status: round.status, closes_at: round.closesAt, round: text }),
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

  async closeRound(id: string, at: string, by: string | null): Promise<boolean> {
    // The status check in the UPDATE is the claim: of two closers, only one changes the row. No
    // transaction: SQLite connections in one process would wait on each other's lock.
    const result = await this.db
      .updateTable("group_rounds")
      .set({ status: "closed" })
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

  async claimDailyPost(guildId: string, day: string, by: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto("daily_posts")
      .values({ guild_id: guildId, day, claimed_by: by, claimed_at: at })
      .onConflict((oc) => oc.columns(["guild_id", "day"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
