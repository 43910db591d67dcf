import { type Kysely, type Selectable, sql } from "kysely";
import { GradeSchema } from "../core/grading/types.js";
import { LevelSchema } from "../core/levels.js";
import { checkStored, parseJson, toStoredJson } from "./json.js";
import {
  type NewStory,
  STORY_LIMITS,
  StoryCompetenciesSchema,
  StoryContentSchema,
  StoryPartsSchema,
  type StoryPatch,
  type StoryRecord,
} from "./records.js";
import { readEach } from "./rows.js";
import type { Database, StoriesTable } from "./schema.js";
import { InvalidStoryError, StoryBankFullError } from "./store.js";
import { storableText } from "./text.js";

type StoryRow = Selectable<StoriesTable>;
/** A story's own columns: all but its ids and times. */
type StoryValues = Omit<StoryRow, "id" | "user_id" | "created_at" | "updated_at">;
type StoryFields = Omit<StoryPatch, "at">;

/** The columns addStory writes, in the order its insert names them. */
const COLUMNS = [
  "id",
  "user_id",
  "title",
  "text",
  "parts",
  "competencies",
  "competencies_edited",
  "level",
  "grade",
  "grader_version",
  "created_at",
  "updated_at",
] as const satisfies ReadonlyArray<keyof StoriesTable>;

function toStory(row: StoryRow): StoryRecord {
  const what = `story ${row.id}`;
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    text: row.text,
    parts: row.parts === null ? null : parseJson(StoryPartsSchema, row.parts, `${what} parts`),
    competencies: parseJson(StoryCompetenciesSchema, row.competencies, `${what} competencies`),
    competenciesEdited: Number(row.competencies_edited) === 1,
    level: checkStored(LevelSchema, row.level, `${what} level`),
    grade: parseJson(GradeSchema, row.grade, `${what} grade`),
    graderVersion: row.grader_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The columns for the fields of a story that are given, checked on write: what the user typed against
 * STORY_LIMITS (InvalidStoryError, its message for them), the rest against the schemas it is read with
 * (StoredDataError). Text is made storable first (NUL and unpaired surrogates become U+FFFD, one for one,
 * so lengths do not change).
 */
function storyColumns(id: string, fields: Required<StoryFields>): StoryValues;
function storyColumns(id: string, fields: StoryFields): Partial<StoryValues>;
function storyColumns(id: string, fields: StoryFields): Partial<StoryValues> {
  const what = `story ${id}`;
  const storable = {
    ...(fields.title !== undefined ? { title: storableText(fields.title) } : {}),
    ...(fields.text !== undefined ? { text: storableText(fields.text) } : {}),
    ...(fields.parts !== undefined
      ? {
          parts:
            fields.parts === null
              ? null
              : {
                  situation: storableText(fields.parts.situation),
                  task: storableText(fields.parts.task),
                  action: storableText(fields.parts.action),
                  result: storableText(fields.parts.result),
                },
        }
      : {}),
  };
  const content = StoryContentSchema.partial().safeParse(storable);
  if (!content.success)
    throw new InvalidStoryError(content.error.issues[0]?.message ?? "The story could not be saved.");
  const columns: Partial<StoryValues> = {};
  if (storable.title !== undefined) columns.title = storable.title;
  if (storable.text !== undefined) columns.text = storable.text;
  if (storable.parts !== undefined)
    columns.parts =
      storable.parts === null ? null : toStoredJson(StoryPartsSchema, storable.parts, `${what} parts`);
  if (fields.competencies !== undefined)
    columns.competencies = toStoredJson(StoryCompetenciesSchema, fields.competencies, `${what} competencies`);
  if (fields.competenciesEdited !== undefined)
    columns.competencies_edited = fields.competenciesEdited ? 1 : 0;
  if (fields.level !== undefined) columns.level = checkStored(LevelSchema, fields.level, `${what} level`);
  if (fields.grade !== undefined) columns.grade = toStoredJson(GradeSchema, fields.grade, `${what} grade`);
  if (fields.graderVersion !== undefined) columns.grader_version = storableText(fields.graderVersion);
  return columns;
}

/**
 * The story bank over Kysely. `scrub` empties what a delete leaves in the database files (see
 * UserData.scrubFiles): a deleted story, or the words an edit replaced, leave no byte behind.
 */
export class KyselyStories {
  constructor(
    private readonly engine: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
    private readonly scrub: () => Promise<void>,
  ) {}

  async add(story: NewStory): Promise<void> {
    const row: StoryRow = {
      id: story.id,
      user_id: story.userId,
      ...storyColumns(story.id, story),
      created_at: story.at,
      updated_at: story.at,
    };
    // One insert that counts the bank first. On SQLite one statement is enough: it holds the database's
    // one write lock from before it reads. On PostgreSQL two could count at once, so a lock on the user's
    // bank, held until commit, keeps a second add waiting until the first is counted.
    const insert = (db: Kysely<Database>) =>
      db
        .insertInto("stories")
        .columns(COLUMNS)
        .expression(
          db
            .selectNoFrom((eb) => COLUMNS.map((c) => eb.val(row[c]).as(c)))
            .where(
              sql<boolean>`(select count(*) from stories where user_id = ${story.userId}) < ${STORY_LIMITS.perUser}`,
            ),
        )
        .executeTakeFirst();
    const result =
      this.engine === "postgres"
        ? await this.db.transaction().execute(async (tx) => {
            await sql`select pg_advisory_xact_lock(hashtextextended(${`stories:${story.userId}`}, 0))`.execute(
              tx,
            );
            return insert(tx);
          })
        : await insert(this.db);
    const added = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    if (!added) throw new StoryBankFullError(story.userId, STORY_LIMITS.perUser);
  }

  async list(userId: string): Promise<StoryRecord[]> {
    const rows = await this.db
      .selectFrom("stories")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "asc")
      .orderBy("id", "asc")
      .execute();
    return readEach(rows, toStory, "stories", (r) => r.id);
  }

  async get(userId: string, id: string): Promise<StoryRecord | null> {
    const row = await this.db
      .selectFrom("stories")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row ? toStory(row) : null;
  }

  async update(userId: string, id: string, patch: StoryPatch): Promise<StoryRecord | null> {
    const { at, ...fields } = patch;
    const columns = storyColumns(id, fields);
    const row = await this.db
      .updateTable("stories")
      .set({ ...columns, updated_at: at })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    // The words an edit replaced (and the quotes of them in a grade) go as a deleted story's do.
    if (
      fields.title !== undefined ||
      fields.text !== undefined ||
      fields.parts !== undefined ||
      fields.grade !== undefined
    )
      await this.scrub();
    return toStory(row);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("stories")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows) === 1;
    if (deleted) await this.scrub();
    return deleted;
  }

  async count(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("stories")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    // PostgreSQL gives a count as text (bigint).
    return Number(row?.n ?? 0);
  }
}
