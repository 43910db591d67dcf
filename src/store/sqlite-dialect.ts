import type BetterSqlite3 from "better-sqlite3";
import { type DialectAdapter, SqliteAdapter, type SqliteDatabase, SqliteDialect } from "kysely";

/**
 * SQLite runs schema changes inside transactions, but Kysely's adapter says it does not, so its migrator
 * would apply a migration statement by statement: a failure part-way (a full disk) left tables behind
 * with no record of them, and every later start failed. Saying so makes each run all or nothing.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

/** Statements kept compiled by default: every query the bot runs, with room for id lists of many lengths. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely's SQLite driver uses it, with compiled statements kept by their SQL text (the
 * least recently used dropped past `size`). The driver asks for a statement on every query, and compiling
 * one took about a quarter of the bot's busy time; the store's queries are few and repeat, so each is
 * compiled once. better-sqlite3 recompiles a kept statement by itself after a schema change.
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept) {
        // Still being read by an iterator (a streamed query): this query gets a statement of its own.
        if (kept.busy) return database.prepare(sql);
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
