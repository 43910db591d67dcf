import { type DialectAdapter, SqliteAdapter, SqliteDialect } from "kysely";

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
