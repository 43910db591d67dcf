import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropSchemas, SCHEMA_LIST_ENV } from "./postgres-schemas.js";

/** The run's set-up (vitest.config.ts): the PostgreSQL schemas the test files made are dropped at the end. */
export default function setup(): (() => Promise<void>) | undefined {
  // Each project inherits this set-up, and the root runs it too: the first one does it for the run.
  if (process.env[SCHEMA_LIST_ENV]) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "star-test-run-"));
  const list = join(dir, "schemas");
  writeFileSync(list, "");
  // Set before the workers start: every test file, and every process one starts, inherits it.
  process.env[SCHEMA_LIST_ENV] = list;
  return async () => {
    const schemas = [...new Set(readFileSync(list, "utf8").split("\n").filter(Boolean))];
    const url = process.env.TEST_DATABASE_URL;
    try {
      if (url) await dropSchemas(url, schemas);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
