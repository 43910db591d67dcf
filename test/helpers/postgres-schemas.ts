import { appendFileSync } from "node:fs";
import pg from "pg";

/** Where the run's global set-up (test/helpers/global-setup.ts) collects the schemas to drop at the end. */
export const SCHEMA_LIST_ENV = "STAR_TEST_SCHEMA_LIST";

/** Drops the schemas, each with everything in it. */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s.replace(/"/g, "")}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test schema once the whole run is over, not while another test file (or a bot process it
 * started) may be opening a store at the same moment: Kysely's migrator lists the tables of every schema
 * it may use, by name (has_schema_privilege), and fails with 'schema "…" does not exist' when one is
 * dropped under it. Without the run's set-up (a file run on its own config), it drops it at once.
 */
export async function dropSchemaLater(url: string, schema: string): Promise<void> {
  const list = process.env[SCHEMA_LIST_ENV];
  if (list) appendFileSync(list, `${schema}\n`);
  else await dropSchemas(url, [schema]);
}
