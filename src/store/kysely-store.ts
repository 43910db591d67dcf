import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import { type Grade, GradeSchema } from "../core/grading/types.js";
import { type InterviewState, InterviewStateSchema } from "../core/interview/types.js";
import { LevelSchema } from "../core/levels.js";
import type { GroupStore } from "./group-store.js";
import { checkStored, parseJson, toStoredJson } from "./json.js";
import { KyselyGroupStore } from "./kysely-groups.js";
import {
  ATTEMPT_KINDS,
  type AttemptRecord,
  type AttemptScore,
  type GradeOwner,
  type GuildSettings,
  GuildSettingsSchema,
  type NewAttempt,
  type SessionRecord,
  type UserExport,
  type UserRecord,
  type UserSettings,
  UserSettingsSchema,
} from "./records.js";
import { readEach, reportUnreadable } from "./rows.js";
import type { AttemptsTable, Database, UsersTable } from "./schema.js";
import { type Store, StoredDataError, VersionConflictError } from "./store.js";
import { storableNullable, storableText } from "./text.js";
import { UserData } from "./user-data.js";

const AttemptKindSchema = z.enum(ATTEMPT_KINDS);
/** The status column of a session whose state failed its schema: closed, never resumed. */
const UNREADABLE = "unreadable";
const OPEN_STATUSES = ["active", "expired"];

function toAttempt(row: Selectable<AttemptsTable>): AttemptRecord<Grade> {
  return {
    id: row.id,
    userId: row.user_id,
    guildId: row.guild_id,
    sessionId: row.session_id,
    questionId: row.question_id,
    questionText: row.question_text,
    competency: row.competency,
    level: checkStored(LevelSchema, row.level, `attempt ${row.id} level`),
    kind: checkStored(AttemptKindSchema, row.kind, `attempt ${row.id} kind`),
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
  readonly #users: UserData;

  constructor(
    readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
  ) {
    this.groups = new KyselyGroupStore(db);
    this.#users = new UserData(engine, db);
  }

  async ensureUser(id: string, name: string | null, at: string): Promise<void> {
    const displayName = storableNullable(name);
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

  async getUsers(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows: Selectable<UsersTable>[] = [];
    // In chunks: a statement takes a bounded number of parameters on both engines.
    for (let i = 0; i < ids.length; i += 500)
      rows.push(
        ...(await this.db
          .selectFrom("users")
          .selectAll()
          .where("id", "in", ids.slice(i, i + 500))
          .execute()),
      );
    return readEach(
      rows,
      (row) => ({
        id: row.id,
        displayName: row.display_name,
        createdAt: row.created_at,
        settings: parseJson(UserSettingsSchema, row.settings, `user ${row.id} settings`),
      }),
      "users",
      (row) => row.id,
    );
  }

  async saveUserSettings(id: string, settings: UserSettings): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ settings: toStoredJson(UserSettingsSchema, settings, `user ${id} settings`) })
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
        state: toStoredJson(InterviewStateSchema, state, `session ${state.id}`),
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

  async findOpenSession(
    userId: string,
    options: { onUnreadable?: (sessionId: string) => void } = {},
  ): Promise<SessionRecord<InterviewState> | null> {
    // Each pass closes the unreadable sessions it meets, so the next one reads past them.
    for (let pass = 0; pass < 20; pass++) {
      const rows = await this.db
        .selectFrom("sessions")
        .select(["id", "state", "version"])
        .where("user_id", "=", userId)
        .where("status", "in", OPEN_STATUSES)
        .orderBy("updated_at", "desc")
        .limit(5)
        .execute();
      if (rows.length === 0) return null;
      for (const row of rows) {
        try {
          return {
            state: parseJson(InterviewStateSchema, row.state, `session ${row.id}`),
            version: row.version,
          };
        } catch (err) {
          if (!(err instanceof StoredDataError)) throw err;
          if (await this.closeUnreadable(row.id, row.version, err)) options.onUnreadable?.(row.id);
        }
      }
    }
    return null;
  }

  /** Closes a session whose state cannot be read (unless someone saved it since); true when this call did. */
  private async closeUnreadable(id: string, version: number, err: StoredDataError): Promise<boolean> {
    const result = await this.db
      .updateTable("sessions")
      .set({ status: UNREADABLE, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("status", "in", OPEN_STATUSES)
      .executeTakeFirst();
    const closed = Number(result.numUpdatedRows) === 1;
    if (closed) reportUnreadable("sessions", id, err, "closed");
    return closed;
  }

  async saveSession(state: InterviewState, expectedVersion: number): Promise<number> {
    const result = await this.db
      .updateTable("sessions")
      .set({
        state: toStoredJson(InterviewStateSchema, state, `session ${state.id}`),
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
    return readEach(
      rows,
      (r) => parseJson(InterviewStateSchema, r.state, `session ${r.id}`),
      "sessions",
      (r) => r.id,
    );
  }

  async addAttempt(a: NewAttempt): Promise<void> {
    await this.db
      .insertInto("attempts")
      .values({
        id: a.id,
        user_id: a.userId,
        guild_id: a.guildId ?? null,
        session_id: a.sessionId,
        question_id: storableNullable(a.questionId),
        question_text: storableText(a.questionText),
        competency: storableNullable(a.competency),
        level: checkStored(LevelSchema, a.level, `attempt ${a.id} level`),
        kind: checkStored(AttemptKindSchema, a.kind, `attempt ${a.id} kind`),
        answer_text: storableText(a.answerText),
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
    const text = toStoredJson(GradeSchema, grade, `attempt ${attemptId} grade`);
    await this.db
      .updateTable("attempts")
      .set({ grade: text, grader, graded_at: at, overall: grade.overall })
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
    return readEach(rows, toAttempt, "attempts", (r) => r.id);
  }

  async claimAttempt(attemptId: string, holder: string, now: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable("attempts")
      .set({ claimed_by: holder, claimed_until: until })
      .where("id", "=", attemptId)
      .where("graded_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("claimed_until", "is", null),
          eb("claimed_until", "<=", now),
          eb("claimed_by", "=", holder),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseAttempt(attemptId: string, holder: string): Promise<void> {
    await this.db
      .updateTable("attempts")
      .set({ claimed_by: null, claimed_until: null })
      .where("id", "=", attemptId)
      .where("claimed_by", "=", holder)
      .execute();
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
    return readEach(rows, toAttempt, "attempts", (r) => r.id);
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
    return readEach(rows, toAttempt, "attempts", (r) => r.id);
  }

  async listGuildScores(guildId: string, options: { since?: string } = {}): Promise<AttemptScore[]> {
    let query = this.db
      .selectFrom("attempts")
      .select(["id", "user_id", "session_id", "combine_with", "created_at", "overall"])
      .where("guild_id", "=", guildId)
      .where("graded_at", "is not", null)
      .where("overall", "is not", null);
    if (options.since) query = query.where("created_at", ">=", options.since);
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      sessionId: r.session_id,
      combineWith: r.combine_with,
      createdAt: r.created_at,
      overall: Number(r.overall),
    }));
  }

  async listGuildSettings(): Promise<Array<{ guildId: string; settings: GuildSettings }>> {
    const rows = await this.db.selectFrom("guild_settings").select(["guild_id", "settings"]).execute();
    return readEach(
      rows,
      (r) => ({
        guildId: r.guild_id,
        settings: parseJson(GuildSettingsSchema, r.settings, `guild ${r.guild_id} settings`),
      }),
      "guild_settings",
      (r) => r.guild_id,
    );
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
    const text = toStoredJson(GuildSettingsSchema, settings, `guild ${guildId} settings`);
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

  async getCachedGrade(key: string, userId: string): Promise<Grade | null> {
    const rows = await this.db
      .selectFrom("llm_cache")
      .select("grade")
      .where("user_id", "=", userId)
      .where("key", "=", key)
      .execute();
    // An unreadable cached grade is a miss: the answer is graded again and the row replaced.
    const [grade] = readEach(
      rows,
      (r) => parseJson(GradeSchema, r.grade, `cached grade ${key}`),
      "llm_cache",
      () => key,
    );
    return grade ?? null;
  }

  async setCachedGrade(key: string, grade: Grade, at: string, owner: GradeOwner): Promise<void> {
    const text = toStoredJson(GradeSchema, grade, `cached grade ${key}`);
    const link = { guild_id: owner.guildId, attempt_id: owner.attemptId, grade: text, created_at: at };
    await this.db
      .insertInto("llm_cache")
      .values({ user_id: owner.userId, key, ...link })
      .onConflict((oc) => oc.columns(["user_id", "key"]).doUpdateSet(link))
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

  async spendTokens(userId: string, guildId: string | null, count: number, day: string): Promise<void> {
    // A delta (negative ones give a reservation back); a count a misbehaving LLM reply left missing or
    // fractional is stored as a whole number, never NaN (which one engine refuses and the other nulls).
    const tokens = Number.isFinite(count) ? Math.round(count) : 0;
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

  exportUser(userId: string, at: string): Promise<UserExport> {
    return this.#users.exportUser(userId, at);
  }

  deleteUser(userId: string): Promise<{ sessions: number; attempts: number }> {
    return this.#users.deleteUser(userId);
  }

  purgeAttemptsBefore(before: string, guildId?: string): Promise<number> {
    return this.#users.purgeAttemptsBefore(before, guildId);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
