import { type Kysely, type Selectable, sql } from "kysely";
import { z } from "zod";
import { DeliverySchema } from "../core/delivery/schema.js";
import { type Grade, GradeSchema } from "../core/grading/types.js";
import { scoresOf } from "../core/interview/grade-summary.js";
import { type InterviewState, InterviewStateSchema } from "../core/interview/types.js";
import type { PeriodTotals } from "../core/leaderboard/score.js";
import { LevelSchema } from "../core/levels.js";
import type { GroupStore } from "./group-store.js";
import { checkStored, parseJson, toStoredJson } from "./json.js";
import { KyselyGroupStore } from "./kysely-groups.js";
import { KyselyStories } from "./kysely-stories.js";
import {
  ATTEMPT_KINDS,
  type AttemptRecord,
  type AttemptScore,
  type AttemptSummary,
  CriterionScoresSchema,
  type DeliveryEntry,
  type GradeOwner,
  type GuildSettings,
  GuildSettingsSchema,
  type NewAttempt,
  type NewStory,
  type SessionRecord,
  type StoryPatch,
  type StoryRecord,
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
/** A statement takes a bounded number of parameters on both engines: longer id lists go in chunks. */
const IDS_PER_QUERY = 500;
const DAY_MS = 86_400_000;
/** Guilds whose settings are cached at most; the least recently read goes first. */
const SETTINGS_CACHE_SIZE = 1000;

export interface KyselyStoreOptions {
  /**
   * How long a guild's settings are served from memory. Settings can be changed by another process
   * (another shard, on one database), which this cache cannot hear of: a short time bounds how long that
   * change goes unseen here. 0 turns the cache off.
   */
  settingsCacheMs?: number;
  /** The clock the cache expires by (tests). */
  now?: () => number;
}

/** Five seconds: a burst of answers in a server reads its settings once, a change elsewhere shows soon. */
export const DEFAULT_SETTINGS_CACHE_MS = 5_000;

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

/** The part of a stored grade that `listDeliveries` reads. */
const StoredDeliverySchema = z.object({ delivery: DeliverySchema.optional() });

/** The Store contract over Kysely: the same SQL for SQLite and PostgreSQL (stories: KyselyStories). */
export class KyselyStore implements Store {
  readonly groups: GroupStore;
  readonly #users: UserData;
  readonly #stories: KyselyStories;
  readonly #settings = new Map<string, { settings: GuildSettings; until: number }>();
  readonly #settingsMs: number;
  /** Counts saves of guild settings: a read that overlapped one does not cache what it read. */
  #settingsWrites = 0;
  readonly #now: () => number;

  constructor(
    readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
    options: KyselyStoreOptions = {},
  ) {
    this.groups = new KyselyGroupStore(db);
    this.#users = new UserData(engine, db);
    this.#stories = new KyselyStories(engine, db, () => this.#users.scrubFiles());
    this.#settingsMs = options.settingsCacheMs ?? DEFAULT_SETTINGS_CACHE_MS;
    this.#now = options.now ?? Date.now;
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
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
      rows.push(
        ...(await this.db
          .selectFrom("users")
          .selectAll()
          .where("id", "in", ids.slice(i, i + IDS_PER_QUERY))
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

  async getAttempts(ids: readonly string[]): Promise<AttemptRecord<Grade>[]> {
    const rows: Selectable<AttemptsTable>[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
      rows.push(
        ...(await this.db
          .selectFrom("attempts")
          .selectAll()
          .where("id", "in", ids.slice(i, i + IDS_PER_QUERY))
          .execute()),
      );
    return readEach(rows, toAttempt, "attempts", (r) => r.id);
  }

  async saveGrade(attemptId: string, grade: Grade, grader: string, at: string): Promise<void> {
    const text = toStoredJson(GradeSchema, grade, `attempt ${attemptId} grade`);
    const scores = toStoredJson(CriterionScoresSchema, scoresOf(grade), `attempt ${attemptId} scores`);
    await this.db
      .updateTable("attempts")
      .set({ grade: text, grader, graded_at: at, overall: grade.overall, criterion_scores: scores })
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

  async listAttemptSummaries(
    userId: string,
    options: { limit?: number; gradedOnly?: boolean } = {},
  ): Promise<AttemptSummary[]> {
    let query = this.db
      .selectFrom("attempts")
      .select([
        "id",
        "session_id",
        "question_id",
        "competency",
        "kind",
        "created_at",
        "overall",
        "criterion_scores",
      ])
      .where("user_id", "=", userId);
    if (options.gradedOnly)
      query = query.where("overall", "is not", null).where("criterion_scores", "is not", null);
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit ?? 10_000)
      .execute();
    return readEach(
      rows,
      (r) => ({
        id: r.id,
        sessionId: r.session_id,
        questionId: r.question_id,
        competency: r.competency,
        kind: r.kind,
        createdAt: r.created_at,
        score:
          r.overall === null || r.criterion_scores === null
            ? null
            : {
                overall: Number(r.overall),
                scores: parseJson(CriterionScoresSchema, r.criterion_scores, `attempt ${r.id} scores`),
              },
      }),
      "attempts",
      (r) => r.id,
    );
  }

  async listDeliveries(userId: string, options: { limit?: number } = {}): Promise<DeliveryEntry[]> {
    // Only spoken answers carry a delivery: the LIKE keeps the grade JSON of typed ones from being read.
    const rows = await this.db
      .selectFrom("attempts")
      .select(["id", "created_at", "grade"])
      .where("user_id", "=", userId)
      .where("grade", "like", '%"delivery":{%')
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit ?? 200)
      .execute();
    // A quote in a typed answer's grade could hold the same characters: such a grade has no delivery.
    return readEach(
      rows,
      (r) => ({
        attemptId: r.id,
        createdAt: r.created_at,
        delivery: parseJson(StoredDeliverySchema, r.grade ?? "", `attempt ${r.id} delivery`).delivery,
      }),
      "attempts",
      (r) => r.id,
    )
      .flatMap((e) => (e.delivery ? [{ ...e, delivery: e.delivery }] : []))
      .reverse();
  }

  async guildStandings(
    guildId: string,
    period: { from: string | null; since?: string; now: string },
    rules: { perDayCap: number; window: number },
  ): Promise<PeriodTotals[]> {
    for (const n of [rules.perDayCap, rules.window])
      if (!Number.isInteger(n) || n < 1) throw new RangeError("guildStandings: rules must be whole numbers");
    const nowMs = Date.parse(period.now);
    if (Number.isNaN(nowMs)) throw new RangeError("guildStandings: now must be a date");
    // An empty bound is before every timestamp: no `from` puts every answer in the period.
    const from = period.from ?? "";
    const since = period.since ?? "";
    const cap = sql.lit(rules.perDayCap);
    const window = sql.lit(rules.window);
    const yesterday = Math.floor(nowMs / DAY_MS) - 1;
    // The UTC day number (days since 1970-01-01) of a stored ISO timestamp: the one engine-specific part.
    const day =
      this.engine === "sqlite"
        ? sql<number>`(unixepoch(substr(created_at, 1, 10)) / 86400)`
        : sql<number>`(cast(substr(created_at, 1, 10) as date) - date '1970-01-01')`;
    // Each user's answers in time order (a tie as listGuildScores orders it: the later id first), read
    // from the attempts_guild_scores index alone. `k` packs the day and whether the answer is in the
    // period (day × 2 + 1 when it is), so one look at a neighbour tells both. In that order:
    // - counted: in the period, and the answer `cap` places earlier is not on the same day in the period;
    // - then from the last answer back: recent, the first `window` counted; baseline, the first `window`
    //   before the period;
    // - the streak runs from the last day that follows a gap of more than a day, to the last day.
    const byTime = sql`partition by user_id order by created_at, id desc`;
    const backwards = sql`partition by user_id order by n desc rows unbounded preceding`;
    const counts = sql`case when k % 2 = 1 and (prev_cap is null or prev_cap <> k) then 1 else 0 end`;
    const rows = await this.db
      .with("kept", (db) =>
        db
          .selectFrom("attempts")
          .select([
            "user_id",
            "id",
            "created_at",
            "overall",
            sql<number>`${day} * 2 + case when created_at >= ${from} then 1 else 0 end`.as("k"),
          ])
          .where("guild_id", "=", guildId)
          .where("overall", "is not", null)
          .where("overall", ">=", 1)
          .where("overall", "<=", 5)
          .where("created_at", ">=", since)
          .where("created_at", "<", period.now)
          .where("id", "not in", (eb) =>
            eb
              .selectFrom("attempts")
              .select(sql<string>`combine_with`.as("superseded"))
              .where("guild_id", "=", guildId)
              .where("overall", "is not", null)
              .where("created_at", ">=", since)
              .where("combine_with", "is not", null),
          ),
      )
      .with("ordered", (db) =>
        db
          .selectFrom("kept")
          .select([
            "user_id",
            "overall",
            "k",
            sql<number | null>`lag(k, 1) over (${byTime})`.as("prev"),
            sql<number | null>`lag(k, ${cap}) over (${byTime})`.as("prev_cap"),
            sql<number>`row_number() over (${byTime})`.as("n"),
          ]),
      )
      .with("flagged", (db) =>
        db
          .selectFrom("ordered")
          .select([
            "user_id",
            "overall",
            "k",
            "prev",
            sql<number>`${counts}`.as("counts"),
            sql<number>`sum(${counts}) over (${backwards})`.as("counted_from_end"),
            sql<number>`sum(1 - k % 2) over (${backwards})`.as("before_from_end"),
          ]),
      )
      .selectFrom("flagged")
      .select([
        "user_id",
        sql<number | string>`sum(counts)`.as("answers"),
        sql<number | string>`sum(counts * overall)`.as("overall_sum"),
        sql<number | string>`sum(case when k % 2 = 1 and (prev is null or prev <> k) then 1 else 0 end)`.as(
          "days",
        ),
        sql<number | string>`max(case when k % 2 = 1 and (prev is null or prev % 2 = 0) then overall end)`.as(
          "first_overall",
        ),
        sql<
          number | string
        >`sum(case when counts = 1 and counted_from_end <= ${window} then overall else 0 end)`.as(
          "recent_sum",
        ),
        sql<
          number | string
        >`sum(case when counts = 1 and counted_from_end <= ${window} then 1 else 0 end)`.as("recent_count"),
        sql<
          number | string
        >`sum(case when k % 2 = 0 and before_from_end <= ${window} then overall else 0 end)`.as(
          "baseline_sum",
        ),
        sql<number | string>`sum(case when k % 2 = 0 and before_from_end <= ${window} then 1 else 0 end)`.as(
          "baseline_count",
        ),
        sql<number | string>`case when max(k / 2) >= ${yesterday}
          then max(k / 2) - max(case when prev is null or prev / 2 < k / 2 - 1 then k / 2 end) + 1
          else 0 end`.as("streak"),
      ])
      .groupBy("user_id")
      .having(sql`sum(counts)`, ">", 0)
      .execute();
    // PostgreSQL gives sums as text (bigint).
    return rows.map((r) => ({
      userId: r.user_id,
      answers: Number(r.answers),
      overallSum: Number(r.overall_sum),
      days: Number(r.days),
      firstOverall: Number(r.first_overall),
      recentSum: Number(r.recent_sum),
      recentCount: Number(r.recent_count),
      baselineSum: Number(r.baseline_sum),
      baselineCount: Number(r.baseline_count),
      streak: Number(r.streak),
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
    const cached = this.#settings.get(guildId);
    if (cached && cached.until > this.#now()) {
      // Least recently read last out: move it to the back of the map's order.
      this.#settings.delete(guildId);
      this.#settings.set(guildId, cached);
      return { ...cached.settings };
    }
    const readAt = this.#now();
    const writes = this.#settingsWrites;
    const row = await this.db
      .selectFrom("guild_settings")
      .select("settings")
      .where("guild_id", "=", guildId)
      .executeTakeFirst();
    const settings = row
      ? parseJson(GuildSettingsSchema, row.settings, `guild ${guildId} settings`)
      : GuildSettingsSchema.parse({});
    if (this.#settingsMs > 0 && writes === this.#settingsWrites) {
      this.#settings.delete(guildId);
      this.#settings.set(guildId, { settings: { ...settings }, until: readAt + this.#settingsMs });
      if (this.#settings.size > SETTINGS_CACHE_SIZE) {
        const oldest = this.#settings.keys().next().value;
        if (oldest !== undefined) this.#settings.delete(oldest);
      }
    }
    return settings;
  }

  async saveGuildSettings(guildId: string, settings: GuildSettings, at: string): Promise<void> {
    const text = toStoredJson(GuildSettingsSchema, settings, `guild ${guildId} settings`);
    // Counted before and after the write, so no read that overlaps it caches what it read.
    this.#settingsWrites++;
    this.#settings.delete(guildId);
    try {
      await this.db
        .insertInto("guild_settings")
        .values({ guild_id: guildId, settings: text, updated_at: at })
        .onConflict((oc) => oc.column("guild_id").doUpdateSet({ settings: text, updated_at: at }))
        .execute();
    } finally {
      this.#settingsWrites++;
      this.#settings.delete(guildId);
    }
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

  addStory(story: NewStory): Promise<void> {
    return this.#stories.add(story);
  }

  listStories(userId: string): Promise<StoryRecord[]> {
    return this.#stories.list(userId);
  }

  getStory(userId: string, id: string): Promise<StoryRecord | null> {
    return this.#stories.get(userId, id);
  }

  updateStory(userId: string, id: string, patch: StoryPatch): Promise<StoryRecord | null> {
    return this.#stories.update(userId, id, patch);
  }

  deleteStory(userId: string, id: string): Promise<boolean> {
    return this.#stories.delete(userId, id);
  }

  countStories(userId: string): Promise<number> {
    return this.#stories.count(userId);
  }

  exportUser(userId: string, at: string): Promise<UserExport> {
    return this.#users.exportUser(userId, at);
  }

  deleteUser(userId: string): Promise<{ sessions: number; attempts: number; stories: number }> {
    return this.#users.deleteUser(userId);
  }

  purgeAttemptsBefore(before: string, guildId?: string): Promise<number> {
    return this.#users.purgeAttemptsBefore(before, guildId);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
