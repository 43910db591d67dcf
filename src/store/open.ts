import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import { log } from "../log.js";
import { KyselyStore, type KyselyStoreOptions } from "./kysely-store.js";
import { migrateToLatest } from "./migrations.js";
import { postgresOpenError, sqliteOpenError } from "./open-error.js";
import type { Database } from "./schema.js";
import { TransactionalSqliteDialect, withStatementCache } from "./sqlite-dialect.js";
import type { Store } from "./store.js";

export const SQLITE_FILE = "star-coach.db";

/**
 * The embedded default: one SQLite file under the data folder, in WAL mode, secure_delete on, its
 * statements compiled once. Migrates on open.
 */
export async function openSqliteStore(path: string, options: KyselyStoreOptions = {}): Promise<Store> {
  if (path !== ":memory:") mkdirSync(join(path, ".."), { recursive: true });
  // Loaded here, not at the top: only the engine in use is loaded (the CLI starts faster).
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  const database = new BetterSqlite3(path);
  try {
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    // Deleted rows (a user's answers, expired ones) are overwritten with zeros, not left in free pages.
    database.pragma("secure_delete = ON");
    const db = new Kysely<Database>({
      dialect: new TransactionalSqliteDialect({ database: withStatementCache(database) }),
    });
    await migrateToLatest(db as Kysely<unknown>);
    return new KyselyStore("sqlite", db, options);
  } catch (err) {
    // A damaged file fails here: close it, or the handle outlives the failed start.
    database.close();
    throw err;
  }
}

/** PostgreSQL for several shards or processes. `schema` isolates a test run. Migrates on open. */
export async function openPostgresStore(
  url: string,
  options: { schema?: string; max?: number; applicationName?: string } & KyselyStoreOptions = {},
): Promise<Store> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    // Names the connections in pg_stat_activity, for operators (and for tests that end them).
    application_name: options.applicationName ?? "star-coach",
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle pooled connection can be ended by the server (a restart, a failover, pg_terminate_backend).
  // pg reports it as an 'error' event on the pool, which would end the process with no listener; the
  // pool drops that connection and opens a new one on the next query, so a warning is all it needs.
  pool.on("error", (err) => {
    log()
      .child({ module: "store" })
      .warn(
        { err: { message: err.message, code: (err as { code?: string }).code } },
        "a pooled PostgreSQL connection was closed by the server",
      );
  });
  try {
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, "")}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // Kysely looks for its migration tables in every schema unless told which; with test or tenant
    // schemas in the same database that finds the wrong ones. Use the connection's own schema.
    const schema =
      options.schema ?? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
    await migrateToLatest(db as Kysely<unknown>, schema);
    return new KyselyStore("postgres", db, options);
  } catch (err) {
    // Server down, login refused: end the pool, or its idle connections keep a failed start alive.
    await pool.end().catch(() => {});
    throw err;
  }
}

/**
 * DATABASE_URL selects PostgreSQL; otherwise SQLite under DATA_DIR. A store that cannot be opened (bad
 * DATA_DIR, damaged file, server down, login refused) is a StoreOpenError saying what to do.
 */
export async function openStore(config: {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
}): Promise<Store> {
  if (config.DATABASE_URL) {
    try {
      return await openPostgresStore(config.DATABASE_URL);
    } catch (err) {
      throw postgresOpenError(config.DATABASE_URL, err);
    }
  }
  const file = join(config.DATA_DIR, SQLITE_FILE);
  try {
    return await openSqliteStore(file);
  } catch (err) {
    throw sqliteOpenError(config.DATA_DIR, file, err);
  }
}
