import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import { type Grade, GradeSchema } from "../core/grading/types.js";
import { type InterviewState, InterviewStateSchema } from "../core/interview/types.js";
import {
  type AttemptKind,
  type AttemptRecord,
  type GroupRound,
  GroupRoundSchema,
  type GuildSettings,
  GuildSettingsSchema,
  type NewAttempt,
  type SessionRecord,
  type UserExport,
  type UserRecord,
  type UserSettings,
  UserSettingsSchema,
} from "./records.js";
import type { AttemptsTable, Database } from "./schema.js";
import { type Store, StoredDataError, VersionConflictError } from "./store.js";

function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StoredDataError(`${what}: stored JSON is not valid`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new StoredDataError(`${what}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

function toAttempt(row: Selectable<AttemptsTable>): AttemptRecord<Grade> {
  return {
    id: row.id,
    userId: row.user_id,
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
  constructor(
    readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
  ) {}

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
      .select("round")
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? parseJson(GroupRoundSchema, row.round, `round ${id}`) : null;
  }

  async listDueRounds(now: string): Promise<GroupRound[]> {
    const rows = await this.db
      .selectFrom("group_rounds")
      .select(["id", "round"])
      .where("status", "=", "open")
      .where("closes_at", "<=", now)
      .orderBy("closes_at")
      .execute();
    return rows.map((r) => parseJson(GroupRoundSchema, r.round, `round ${r.id}`));
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
    const [user, sessions, attempts] = await Promise.all([
      this.getUser(userId),
      this.db
        .selectFrom("sessions")
        .select(["id", "state"])
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .execute(),
      this.listAttempts(userId),
    ]);
    return {
      exportedAt: at,
      user,
      sessions: sessions.map((s) => JSON.parse(s.state) as unknown),
      attempts: attempts.reverse(),
    };
  }

  async deleteUser(userId: string): Promise<{ sessions: number; attempts: number }> {
    return this.db.transaction().execute(async (tx) => {
      const attempts = await tx.deleteFrom("attempts").where("user_id", "=", userId).executeTakeFirst();
      const sessions = await tx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
      await tx.deleteFrom("users").where("id", "=", userId).execute();
      return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
    });
  }

  async purgeAttemptsBefore(before: string): Promise<number> {
    const result = await this.db.deleteFrom("attempts").where("created_at", "<", before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
