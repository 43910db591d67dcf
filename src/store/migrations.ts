import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { CRITERIA } from "../core/criteria.js";

/** Versioned migrations, applied in name order at start-up. Never edit one that has shipped: add another. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text")
        .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("sessions_user_status")
        .on("sessions")
        .columns(["user_id", "status", "updated_at"])
        .execute();
      await db.schema
        .createTable("attempts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("session_id", "text")
        .addColumn("question_id", "text")
        .addColumn("question_text", "text", (c) => c.notNull())
        .addColumn("competency", "text")
        .addColumn("level", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("answer_text", "text", (c) => c.notNull())
        .addColumn("combine_with", "text")
        .addColumn("grade", "text")
        .addColumn("grader", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("graded_at", "text")
        .execute();
      await db.schema
        .createIndex("attempts_user_created")
        .on("attempts")
        .columns(["user_id", "created_at"])
        .execute();
      await db.schema
        .createIndex("attempts_graded")
        .on("attempts")
        .columns(["graded_at", "created_at"])
        .execute();
      await db.schema.createIndex("attempts_created").on("attempts").column("created_at").execute();
      await db.schema
        .createTable("guild_settings")
        .addColumn("guild_id", "text", (c) => c.primaryKey())
        .addColumn("settings", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("group_rounds")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("closes_at", "text", (c) => c.notNull())
        .addColumn("round", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("group_rounds_due")
        .on("group_rounds")
        .columns(["status", "closes_at"])
        .execute();
    },
  },
  "0002_interactions_and_cooldowns": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("interactions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("handled_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("interactions_handled").on("interactions").column("handled_at").execute();
      await db.schema
        .createTable("cooldowns")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("until", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("cooldowns_pk", ["user_id", "key"])
        .execute();
    },
  },
  "0003_llm_cache_and_spend": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("llm_cache")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("grade", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("llm_spend")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("tokens", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("llm_spend_pk", ["day", "scope", "subject"])
        .execute();
    },
  },
  "0004_groups_daily_and_attempt_guild": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("attempts").addColumn("guild_id", "text").execute();
      await db.schema
        .createIndex("attempts_guild_created")
        .on("attempts")
        .columns(["guild_id", "created_at"])
        .execute();
      await db.schema
        .createTable("round_entries")
        .addColumn("round_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("attempt_id", "text", (c) => c.notNull())
        .addColumn("share", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("round_entries_pk", ["round_id", "user_id"])
        .execute();
      await db.schema.createIndex("round_entries_user").on("round_entries").column("user_id").execute();
      await db.schema
        .createTable("peer_ratings")
        .addColumn("round_id", "text", (c) => c.notNull())
        .addColumn("rater_id", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        .addColumn("criterion", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("peer_ratings_pk", ["round_id", "rater_id", "target_id", "criterion"])
        .execute();
      await db.schema
        .createTable("daily_schedules")
        .addColumn("guild_id", "text", (c) => c.primaryKey())
        .addColumn("schedule", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("daily_posts")
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("daily_posts_pk", ["guild_id", "day"])
        .execute();
    },
  },
  // Daily questions and round summaries are claimed with a lease, retried when a post failed, and
  // recorded once posted with the message id (src/discord/scheduler.ts). Rows from before this count as
  // posted: the old code claimed once and never retried.
  "0007_post_claims_and_retries": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("daily_posts")
        .addColumn("state", "text", (c) => c.notNull().defaultTo("posted"))
        .execute();
      await db.schema
        .alterTable("daily_posts")
        .addColumn("lease_until", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema
        .alterTable("daily_posts")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable("daily_posts").addColumn("round_id", "text").execute();
      await db.schema.alterTable("daily_posts").addColumn("message_id", "text").execute();
      await db.schema.alterTable("daily_posts").addColumn("posted_at", "text").execute();
      await db.schema
        .alterTable("group_rounds")
        .addColumn("summary_state", "text", (c) => c.notNull().defaultTo("none"))
        .execute();
      await db.schema.alterTable("group_rounds").addColumn("summary_by", "text").execute();
      await db.schema.alterTable("group_rounds").addColumn("summary_lease_until", "text").execute();
      await db.schema
        .alterTable("group_rounds")
        .addColumn("summary_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("group_rounds").addColumn("summary_message_id", "text").execute();
      await sql`UPDATE group_rounds SET summary_state = 'posted' WHERE status = 'closed'`.execute(db);
      await db.schema
        .createIndex("group_rounds_summary_retry")
        .on("group_rounds")
        .columns(["summary_state", "summary_lease_until"])
        .execute();
    },
  },
  "0005_llm_cache_per_user_and_answer": {
    async up(db: Kysely<unknown>) {
      // Cached LLM grades quote the answer verbatim, so each must go with its user and its answer. The
      // rows cached before this cannot be traced to either, so they could never be deleted or exported:
      // they are dropped (a cache: the next identical answer is graded again). Safe to run again.
      await db.schema.dropTable("llm_cache").ifExists().execute();
      await db.schema
        .createTable("llm_cache")
        .ifNotExists()
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("guild_id", "text")
        .addColumn("attempt_id", "text")
        .addColumn("grade", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("llm_cache_user_key_pk", ["user_id", "key"])
        .execute();
      await db.schema
        .createIndex("llm_cache_attempt")
        .ifNotExists()
        .on("llm_cache")
        .column("attempt_id")
        .execute();
      await db.schema
        .createIndex("llm_cache_guild_created")
        .ifNotExists()
        .on("llm_cache")
        .columns(["guild_id", "created_at"])
        .execute();
    },
  },
  // A claim on grading a stored answer, held until `claimed_until`: a process grading an answer (live, on
  // "Grade again", or recovering it after a crash) holds it, so two shards or processes never grade the
  // same answer (see SessionService.recoverUngraded).
  "0006_attempt_grading_claims": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("attempts").addColumn("claimed_by", "text").execute();
      await db.schema.alterTable("attempts").addColumn("claimed_until", "text").execute();
    },
  },
  // The overall score beside the grade's JSON, so a leaderboard reads numbers, not every grade (30,000
  // answers: about 2 s of parsing on the bot's one thread). Filled from the stored grades.
  "0008_attempt_overall": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("attempts").addColumn("overall", "integer").execute();
      let after = "";
      for (;;) {
        const batch = await sql<{ id: string; grade: string }>`select id, grade from attempts
          where grade is not null and id > ${after} order by id limit 1000`.execute(db);
        if (batch.rows.length === 0) break;
        for (const row of batch.rows) {
          const overall = overallOf(row.grade);
          if (overall !== null)
            await sql`update attempts set overall = ${overall} where id = ${row.id}`.execute(db);
        }
        after = batch.rows.at(-1)?.id ?? after;
      }
    },
  },
  // Lists that show numbers read them without a grade's JSON: the criterion scores beside it (question
  // selection, streaks, progress), filled from the stored grades; and an index holding everything a
  // leaderboard reads, so its query never touches the rows themselves (on SQLite a row's later columns sit
  // behind its answer and grade text, in overflow pages).
  "0009_attempt_scores_and_leaderboard_index": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("attempts").addColumn("criterion_scores", "text").execute();
      let after = "";
      for (;;) {
        const batch = await sql<{ id: string; grade: string }>`select id, grade from attempts
          where grade is not null and id > ${after} order by id limit 500`.execute(db);
        if (batch.rows.length === 0) break;
        const values = batch.rows.flatMap((row) => {
          const scores = criterionScoresOf(row.grade);
          return scores === null ? [] : [sql`(${row.id}, ${scores})`];
        });
        if (values.length > 0)
          await sql`update attempts set criterion_scores = v.column2
            from (values ${sql.join(values)}) as v where attempts.id = v.column1`.execute(db);
        after = batch.rows.at(-1)?.id ?? after;
      }
      await db.schema
        .createIndex("attempts_guild_scores")
        .on("attempts")
        .columns(["guild_id", "created_at", "user_id", "overall", "id", "combine_with"])
        .where(sql.ref("overall"), "is not", null)
        .execute();
    },
  },
  // The story bank: a user's own STAR stories, graded, listed by user in the order they were added, and
  // expired by the global retention period by when they were last changed (see Store.purgeAttemptsBefore).
  "0010_stories": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("stories")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("parts", "text")
        .addColumn("competencies", "text", (c) => c.notNull())
        .addColumn("competencies_edited", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("level", "text", (c) => c.notNull())
        .addColumn("grade", "text", (c) => c.notNull())
        .addColumn("grader_version", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("stories_user_created")
        .on("stories")
        .columns(["user_id", "created_at"])
        .execute();
      await db.schema.createIndex("stories_updated").on("stories").column("updated_at").execute();
    },
  },
};

/** A stored grade's overall score (1–5), or null when the JSON does not hold one. */
function overallOf(grade: string): number | null {
  try {
    const overall = (JSON.parse(grade) as { overall?: unknown }).overall;
    return Number.isInteger(overall) && (overall as number) >= 1 && (overall as number) <= 5
      ? (overall as number)
      : null;
  } catch {
    return null;
  }
}

/** A stored grade's criterion scores as the column holds them, or null when the JSON does not hold them. */
function criterionScoresOf(grade: string): string | null {
  try {
    const criteria = (JSON.parse(grade) as { criteria?: Record<string, { score?: unknown }> }).criteria;
    const scores: Record<string, number> = {};
    for (const c of CRITERIA) {
      const score = criteria?.[c]?.score;
      if (!Number.isInteger(score) || (score as number) < 0 || (score as number) > 4) return null;
      scores[c] = score as number;
    }
    return JSON.stringify(scores);
  } catch {
    return null;
  }
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
