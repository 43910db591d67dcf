import type { Kysely, Selectable } from "kysely";
import { CriterionIdSchema } from "../core/criteria.js";
import { type Grade, GradeSchema } from "../core/grading/types.js";
import { type InterviewState, InterviewStateSchema } from "../core/interview/types.js";
import type { GroupStore } from "./group-store.js";
import { parseJson } from "./json.js";
import { KyselyGroupStore } from "./kysely-groups.js";
import {
  type AttemptKind,
  type AttemptRecord,
  type GuildSettings,
  GuildSettingsSchema,
  type NewAttempt,
  type SessionRecord,
  ShareSchema,
  type UserExport,
  type UserRecord,
  type UserSettings,
  UserSettingsSchema,
} from "./records.js";
import type { AttemptsTable, Database } from "./schema.js";
import { type Store, VersionConflictError } from "./store.js";

function toAttempt(row: Selectable<AttemptsTable>): AttemptRecord<Grade> {
  return {
    id: row.id,
    userId: row.user_id,
    guildId: row.guild_id,
    sessionId: row.session_id,
    questionId: row.question_id,
    questionText: row.question_text,
    competency: row.competency,
    level: row.level as NewAttempt["level"],
    kind: row.kind as AttemptKind,
    answerText: row.answer_text,
    combineWith: row.combine_with,
    createdAt: row.created_at,
    grade: row.grade === null ? null : parseJson(GradeSchema, row.grade, `attempt ${row.id} grade`),
    grader: row.grader,
    gradedAt: row.graded_at,
  };
}

/** The Store contract over Kysely: the same SQL for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  readonly groups: GroupStore;

  constructor(
    readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
  ) {
    this.groups = new KyselyGroupStore(db);
  }

  async ensureUser(id: string, displayName: string | null, at: string): Promise<void> {
    await this.db
      .insertInto("users")
      .values({ id, display_name: displayName, settings: "{}", created_at: at })
      .onConflict((oc) =>
        displayName === null
          ? oc.column("id").doNothing()
          : oc.column("id").doUpdateSet({ display_name: displayName }),
      )
      .execute();
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      displayName: row.display_name,
      createdAt: row.created_at,
      settings: parseJson(UserSettingsSchema, row.settings, `user ${id} settings`),
    };
  }

  async saveUserSettings(id: string, settings: UserSettings): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ settings: JSON.stringify(settings) })
      .where("id", "=", id)
      .execute();
  }

  async createSession(state: InterviewState): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        id: state.id,
        user_id: state.userId,
        status: state.status,
        state: JSON.stringify(state),
        version: 1,
        created_at: state.createdAt,
        updated_at: state.updatedAt,
      })
      .execute();
  }

  async getSession(id: string): Promise<SessionRecord<InterviewState> | null> {
    const row = await this.db
      .selectFrom("sessions")
      .select(["state", "version"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row
      ? { state: parseJson(InterviewStateSchema, row.state, `session ${id}`), version: row.version }
      : null;
  }

  async findOpenSession(userId: string): Promise<SessionRecord<InterviewState> | null> {
    const row = await this.db
      .selectFrom("sessions")
      .select(["id", "state", "version"])
      .where("user_id", "=", userId)
      .where("status", "in", ["active", "expired"])
      .orderBy("updated_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row
      ? { state: parseJson(InterviewStateSchema, row.state, `session ${row.id}`), version: row.version }
      : null;
  }

  async saveSession(state: InterviewState, expectedVersion: number): Promise<number> {
    const result = await this.db
      .updateTable("sessions")
      .set({
        state: JSON.stringify(state),
        status: state.status,
        updated_at: state.updatedAt,
        version: expectedVersion + 1,
      })
      .where("id", "=", state.id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new VersionConflictError(state.id);
    return expectedVersion + 1;
  }

  async listSessions(
    userId: string,
    options: { finishedOnly?: boolean; limit?: number } = {},
  ): Promise<InterviewState[]> {
    let query = this.db.selectFrom("sessions").select(["id", "state"]).where("user_id", "=", userId);
    if (options.finishedOnly) query = query.where("status", "=", "finished");
    const rows = await query
      .orderBy("created_at", "asc")
      .limit(options.limit ?? 1000)
      .execute();
    return rows.map((r) => parseJson(InterviewStateSchema, r.state, `session ${r.id}`));
  }

  async addAttempt(a: NewAttempt): Promise<void> {
    await this.db
      .insertInto("attempts")
      .values({
        id: a.id,
        user_id: a.userId,
        guild_id: a.guildId ?? null,
        session_id: a.sessionId,
        question_id: a.questionId,
        question_text: a.questionText,
        competency: a.competency,
        level: a.level,
        kind: a.kind,
        answer_text: a.answerText,
        combine_with: a.combineWith,
        grade: null,
        grader: null,
        created_at: a.createdAt,
        graded_at: null,
      })
      .execute();
  }

  async getAttempt(id: string): Promise<AttemptRecord<Grade> | null> {
    const row = await this.db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toAttempt(row) : null;
  }

  async saveGrade(attemptId: string, grade: Grade, grader: string, at: string): Promise<void> {
    await this.db
      .updateTable("attempts")
      .set({ grade: JSON.stringify(grade), grader, graded_at: at })
      .where("id", "=", attemptId)
      .execute();
  }

  async listUngraded(limit = 100): Promise<AttemptRecord<Grade>[]> {
    const rows = await this.db
      .selectFrom("attempts")
      .selectAll()
      .where("graded_at", "is", null)
      .orderBy("created_at", "asc")
      .limit(limit)
      .execute();
    return rows.map(toAttempt);
  }

  async listAttempts(
    userId: string,
    options: { limit?: number; gradedOnly?: boolean } = {},
  ): Promise<AttemptRecord<Grade>[]> {
    let query = this.db.selectFrom("attempts").selectAll().where("user_id", "=", userId);
    if (options.gradedOnly) query = query.where("graded_at", "is not", null);
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit ?? 10_000)
      .execute();
    return rows.map(toAttempt);
  }

  async listGuildAttempts(
    guildId: string,
    options: { since?: string; limit?: number } = {},
  ): Promise<AttemptRecord<Grade>[]> {
    let query = this.db
      .selectFrom("attempts")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("graded_at", "is not", null);
    if (options.since) query = query.where("created_at", ">=", options.since);
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit ?? 50_000)
      .execute();
    return rows.map(toAttempt);
  }

  async listGuildSettings(): Promise<Array<{ guildId: string; settings: GuildSettings }>> {
    const rows = await this.db.selectFrom("guild_settings").select(["guild_id", "settings"]).execute();
    return rows.map((r) => ({
      guildId: r.guild_id,
      settings: parseJson(GuildSettingsSchema, r.settings, `guild ${r.guild_id} settings`),
    }));
  }

  async getGuildSettings(guildId: string): Promise<GuildSettings> {
    const row = await this.db
      .selectFrom("guild_settings")
      .select("settings")
      .where("guild_id", "=", guildId)
      .executeTakeFirst();
    return row
      ? parseJson(GuildSettingsSchema, row.settings, `guild ${guildId} settings`)
      : GuildSettingsSchema.parse({});
  }

  async saveGuildSettings(guildId: string, settings: GuildSettings, at: string): Promise<void> {
    const text = JSON.stringify(GuildSettingsSchema.parse(settings));
    await this.db
      .insertInto("guild_settings")
      .values({ guild_id: guildId, settings: text, updated_at: at })
      .onConflict((oc) => oc.column("guild_id").doUpdateSet({ settings: text, updated_at: at }))
      .execute();
  }

  async claimInteraction(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto("interactions")
      .values({ id, handled_at: at })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async forgetInteractions(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("interactions")
      .where("handled_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async takeCooldown(
    userId: string,
    key: string,
    now: string,
    seconds: number,
  ): Promise<{ ok: true } | { ok: false; retryAfterSec: number }> {
    const until = new Date(Date.parse(now) + seconds * 1000).toISOString();
    // One statement, so two shards cannot both take the same cooldown: the update only happens if the
    // running one has ended.
    const result = await this.db
      .insertInto("cooldowns")
      .values({ user_id: userId, key, until })
      .onConflict((oc) =>
        oc.columns(["user_id", "key"]).doUpdateSet({ until }).where("cooldowns.until", "<=", now),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { ok: true };
    const row = await this.db
      .selectFrom("cooldowns")
      .select("until")
      .where("user_id", "=", userId)
      .where("key", "=", key)
      .executeTakeFirst();
    const left = row ? Math.ceil((Date.parse(row.until) - Date.parse(now)) / 1000) : 1;
    return { ok: false, retryAfterSec: Math.max(1, left) };
  }

  async getCachedGrade(key: string): Promise<Grade | null> {
    const row = await this.db
      .selectFrom("llm_cache")
      .select("grade")
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? parseJson(GradeSchema, row.grade, `cached grade ${key}`) : null;
  }

  async setCachedGrade(key: string, grade: Grade, at: string): Promise<void> {
    const text = JSON.stringify(grade);
    await this.db
      .insertInto("llm_cache")
      .values({ key, grade: text, created_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ grade: text, created_at: at }))
      .execute();
  }

  async tokensSpent(
    userId: string,
    guildId: string | null,
    day: string,
  ): Promise<{ user: number; guild: number }> {
    const rows = await this.db
      .selectFrom("llm_spend")
      .select(["scope", "tokens"])
      .where("day", "=", day)
      .where((eb) =>
        eb.or([
          eb.and([eb("scope", "=", "user"), eb("subject", "=", userId)]),
          eb.and([eb("scope", "=", "guild"), eb("subject", "=", guildId ?? "")]),
        ]),
      )
      .execute();
    const of = (scope: string) => Number(rows.find((r) => r.scope === scope)?.tokens ?? 0);
    return { user: of("user"), guild: guildId === null ? 0 : of("guild") };
  }

  async spendTokens(userId: string, guildId: string | null, tokens: number, day: string): Promise<void> {
    const add = (scope: string, subject: string) =>
      this.db
        .insertInto("llm_spend")
        .values({ day, scope, subject, tokens })
        .onConflict((oc) =>
          oc
            .columns(["day", "scope", "subject"])
            .doUpdateSet((eb) => ({ tokens: eb("llm_spend.tokens", "+", eb.ref("excluded.tokens")) })),
        )
        .execute();
    await add("user", userId);
    if (guildId !== null) await add("guild", guildId);
  }

  async exportUser(userId: string, at: string): Promise<UserExport> {
    const [user, sessions, attempts, entries, ratings] = await Promise.all([
      this.getUser(userId),
      this.db
        .selectFrom("sessions")
        .select(["id", "state"])
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      this.listAttempts(userId),
      this.db
        .selectFrom("round_entries")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      this.db.selectFrom("peer_ratings").selectAll().where("rater_id", "=", userId).orderBy("at").execute(),
    ]);
    return {
      exportedAt: at,
      user,
      sessions: sessions.map((s) => JSON.parse(s.state) as unknown),
      attempts: attempts.reverse(),
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
    };
  }

  async deleteUser(userId: string): Promise<{ sessions: number; attempts: number }> {
    return this.db.transaction().execute(async (tx) => {
      const attempts = await tx.deleteFrom("attempts").where("user_id", "=", userId).executeTakeFirst();
      const sessions = await tx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
      await tx.deleteFrom("round_entries").where("user_id", "=", userId).execute();
      await tx
        .deleteFrom("peer_ratings")
        .where((eb) => eb.or([eb("rater_id", "=", userId), eb("target_id", "=", userId)]))
        .execute();
      await tx.deleteFrom("users").where("id", "=", userId).execute();
      return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
    });
  }

  async purgeAttemptsBefore(before: string, guildId?: string): Promise<number> {
    let query = this.db.deleteFrom("attempts").where("created_at", "<", before);
    if (guildId !== undefined) query = query.where("guild_id", "=", guildId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
