import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";

/**
 * Direct access to a store's database, around the Store interface: to plant rows the store would not
 * write (corrupt, from an older version) and to read every table back.
 */
export interface RawDb {
  // biome-ignore lint/suspicious/noExplicitAny: raw access to any table, on purpose.
  db: Kysely<any>;
  /** Every table of the store, Kysely's own included. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export function rawSqlite(file: string): RawDb {
  const database = new BetterSqlite3(file);
  database.pragma("busy_timeout = 5000");
  const db = new Kysely({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    tables: async () =>
      (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map(
        (r) => r.name,
      ),
    close: () => db.destroy(),
  };
}

export function rawPostgres(url: string, schema: string): RawDb {
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    tables: async () =>
      (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(db)
      ).rows.map((r) => r.name),
    close: () => db.destroy(),
  };
}

/** Tables, in name order with their row counts, where `needle` appears in any column of any row. */
export async function tablesContaining(raw: RawDb, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await raw.tables()) {
    const rows = (await sql`select * from ${sql.table(table)}`.execute(raw.db)).rows;
    const hits = rows.filter((row) => JSON.stringify(row).includes(needle)).length;
    if (hits > 0) found.push(`${table} (${hits})`);
  }
  return found.sort();
}
