import { type Kysely, sql, type Transaction } from "kysely";
import { CriterionIdSchema } from "../core/criteria.js";
import { GradeSchema } from "../core/grading/types.js";
import { InterviewStateSchema } from "../core/interview/types.js";
import { log } from "../log.js";
import { exportJson } from "./json.js";
import {
  ShareSchema,
  StoryCompetenciesSchema,
  StoryPartsSchema,
  type UserExport,
  UserSettingsSchema,
} from "./records.js";
import type { Database } from "./schema.js";

/**
 * A user's own data: the export (everything, readable or not), deletion and retention. Delete means
 * delete: the answer, its grades, the LLM grades cached from it (they quote it) and the user's token
 * counts go together (and the user's story bank), and on SQLite (secure_delete, set when the store opens) the freed pages are zeroed
 * and the write-ahead log is emptied, so no byte of the text stays in the files.
 */
export class UserData {
  constructor(
    private readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
  ) {}

  async exportUser(userId: string, at: string): Promise<UserExport> {
    const db = this.db;
    const [user, sessions, attempts, entries, ratings, cached, spent, stories] = await Promise.all([
      db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst(),
      db.selectFrom("sessions").select("state").where("user_id", "=", userId).orderBy("created_at").execute(),
      db
        .selectFrom("attempts")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("round_entries")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      db.selectFrom("peer_ratings").selectAll().where("rater_id", "=", userId).orderBy("at").execute(),
      db.selectFrom("llm_cache").selectAll().where("user_id", "=", userId).orderBy("created_at").execute(),
      db
        .selectFrom("llm_spend")
        .select(["day", "tokens"])
        .where("scope", "=", "user")
        .where("subject", "=", userId)
        .orderBy("day")
        .execute(),
      db
        .selectFrom("stories")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("id")
        .execute(),
    ]);
    return {
      exportedAt: at,
      user: user
        ? {
            id: user.id,
            displayName: user.display_name,
            createdAt: user.created_at,
            settings: exportJson(UserSettingsSchema, user.settings),
          }
        : null,
      sessions: sessions.map((s) => exportJson(InterviewStateSchema, s.state)),
      attempts: attempts.map((a) => ({
        id: a.id,
        userId: a.user_id,
        guildId: a.guild_id,
        sessionId: a.session_id,
        questionId: a.question_id,
        questionText: a.question_text,
        competency: a.competency,
        level: a.level,
        kind: a.kind,
        answerText: a.answer_text,
        combineWith: a.combine_with,
        createdAt: a.created_at,
        grade: a.grade === null ? null : exportJson(GradeSchema, a.grade),
        grader: a.grader,
        gradedAt: a.graded_at,
      })),
      roundEntries: entries.map((e) => ({
        roundId: e.round_id,
        userId: e.user_id,
        attemptId: e.attempt_id,
        share: ShareSchema.catch("none").parse(e.share),
        createdAt: e.created_at,
        updatedAt: e.updated_at,
      })),
      peerRatings: ratings.map((r) => ({
        roundId: r.round_id,
        raterId: r.rater_id,
        targetId: r.target_id,
        criterion: CriterionIdSchema.parse(r.criterion),
        score: r.score,
        at: r.at,
      })),
      llmCache: cached.map((c) => ({
        key: c.key,
        attemptId: c.attempt_id,
        guildId: c.guild_id,
        grade: exportJson(GradeSchema, c.grade),
        createdAt: c.created_at,
      })),
      llmSpend: spent.map((s) => ({ day: s.day, tokens: Number(s.tokens) })),
      stories: stories.map((s) => ({
        id: s.id,
        userId: s.user_id,
        title: s.title,
        text: s.text,
        parts: s.parts === null ? null : exportJson(StoryPartsSchema, s.parts),
        competencies: exportJson(StoryCompetenciesSchema, s.competencies),
        competenciesEdited: Number(s.competencies_edited) === 1,
        level: s.level,
        grade: exportJson(GradeSchema, s.grade),
        graderVersion: s.grader_version,
        createdAt: s.created_at,
        updatedAt: s.updated_at,
      })),
    };
  }

  async deleteUser(userId: string): Promise<{ sessions: number; attempts: number; stories: number }> {
    const deleted = await this.db.transaction().execute(async (tx) => {
      const attempts = await tx.deleteFrom("attempts").where("user_id", "=", userId).executeTakeFirst();
      const sessions = await tx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
      const stories = await tx.deleteFrom("stories").where("user_id", "=", userId).executeTakeFirst();
      await tx.deleteFrom("llm_cache").where("user_id", "=", userId).execute();
      await tx.deleteFrom("llm_spend").where("scope", "=", "user").where("subject", "=", userId).execute();
      await tx.deleteFrom("cooldowns").where("user_id", "=", userId).execute();
      await tx.deleteFrom("round_entries").where("user_id", "=", userId).execute();
      await tx
        .deleteFrom("peer_ratings")
        .where((eb) => eb.or([eb("rater_id", "=", userId), eb("target_id", "=", userId)]))
        .execute();
      await tx.deleteFrom("users").where("id", "=", userId).execute();
      await forgetInGroupRecords(tx, userId);
      return {
        sessions: Number(sessions.numDeletedRows),
        attempts: Number(attempts.numDeletedRows),
        stories: Number(stories.numDeletedRows),
      };
    });
    await this.scrubFiles();
    return deleted;
  }

  /**
   * Retention (see Store.purgeAttemptsBefore): answers by when they were given, with their cached grades;
   * on the global purge (no `guildId`) also stories, by when they were last changed. Returns how many
   * answers and stories.
   */
  async purgeAttemptsBefore(before: string, guildId?: string): Promise<number> {
    const { attempts, stories, cached } = await this.db.transaction().execute(async (tx) => {
      let expired = tx.selectFrom("attempts").select("id").where("created_at", "<", before);
      if (guildId !== undefined) expired = expired.where("guild_id", "=", guildId);
      // The cached grades of the expiring answers, and cached grades linked to no answer by their own date.
      const linked = await tx.deleteFrom("llm_cache").where("attempt_id", "in", expired).executeTakeFirst();
      let unlinked = tx
        .deleteFrom("llm_cache")
        .where("attempt_id", "is", null)
        .where("created_at", "<", before);
      if (guildId !== undefined) unlinked = unlinked.where("guild_id", "=", guildId);
      const loose = await unlinked.executeTakeFirst();
      let purge = tx.deleteFrom("attempts").where("created_at", "<", before);
      if (guildId !== undefined) purge = purge.where("guild_id", "=", guildId);
      const result = await purge.executeTakeFirst();
      // Stories belong to no server: a server's retention leaves them to the global one.
      const storiesGone =
        guildId === undefined
          ? Number(
              (await tx.deleteFrom("stories").where("updated_at", "<", before).executeTakeFirst())
                .numDeletedRows,
            )
          : 0;
      return {
        attempts: Number(result.numDeletedRows),
        stories: storiesGone,
        cached: Number(linked.numDeletedRows) + Number(loose.numDeletedRows),
      };
    });
    if (attempts + stories + cached > 0) await this.scrubFiles();
    return attempts + stories;
  }

  /**
   * SQLite: secure_delete has zeroed the freed space, but the write-ahead log still holds the pages as
   * they were; checkpoint it into the file and truncate it. better-sqlite3 is synchronous, so this never
   * waits for another connection (it would hold the event loop): one mid-read holds the log back, and
   * the next delete or automatic checkpoint finishes the job. Also called after a story is deleted or
   * edited (KyselyStories).
   */
  async scrubFiles(): Promise<void> {
    if (this.engine !== "sqlite") return;
    const warn = (message: string) => log().child({ module: "store" }).warn(message);
    // The one connection, held: no other query runs while the busy timeout is off.
    await this.db.connection().execute(async (conn) => {
      const timeout =
        (await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(conn)).rows[0]?.timeout ?? 0;
      await sql`PRAGMA busy_timeout = 0`.execute(conn);
      try {
        const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(conn);
        if (rows[0]?.busy) warn("write-ahead log in use: not emptied yet");
      } catch {
        warn("write-ahead log checkpoint failed");
      } finally {
        await sql`PRAGMA busy_timeout = ${sql.raw(String(Math.trunc(timeout)))}`.execute(conn);
      }
    });
  }
}

/**
 * A deleted user's id leaves the rounds they started or closed and the daily schedules they set: the
 * round or schedule stays (it belongs to the server), with nobody named. The id sits inside JSON, so
 * only the rows whose text holds it are read and rewritten.
 */
async function forgetInGroupRecords(tx: Transaction<Database>, userId: string): Promise<void> {
  // Anything but letters, digits and plain punctuation (a quote or backslash JSON escapes, LIKE's own
  // wildcards) becomes "%": the match only widens, and the code below checks the exact value.
  const holds = `%"${userId.replace(/[^\p{L}\p{N}:.@ -]/gu, "%")}"%`;
  const rounds = await tx
    .selectFrom("group_rounds")
    .select(["id", "round"])
    .where("round", "like", holds)
    .execute();
  for (const row of rounds) {
    const round = JSON.parse(row.round) as { startedBy?: string | null; closedBy?: string | null };
    if (round.startedBy === userId) round.startedBy = null;
    if (round.closedBy === userId) round.closedBy = null;
    await tx
      .updateTable("group_rounds")
      .set({ round: JSON.stringify(round) })
      .where("id", "=", row.id)
      .execute();
  }
  const schedules = await tx
    .selectFrom("daily_schedules")
    .select(["guild_id", "schedule"])
    .where("schedule", "like", holds)
    .execute();
  for (const row of schedules) {
    const schedule = JSON.parse(row.schedule) as { setBy?: string };
    if (schedule.setBy !== userId) continue;
    schedule.setBy = "";
    await tx
      .updateTable("daily_schedules")
      .set({ schedule: JSON.stringify(schedule) })
      .where("guild_id", "=", row.guild_id)
      .execute();
  }
}
