import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { configureLogger } from "../../src/log.js";
import { openPostgresStore } from "../../src/store/open.js";
import { captureLog } from "../helpers/log-capture.js";
import { dropSchemaLater } from "../helpers/postgres-schemas.js";

// Runs with the other PostgreSQL tests (vitest.config.ts): TEST_DATABASE_URL names the server.
const url = process.env.TEST_DATABASE_URL as string;
const schema = `star_restart_${randomBytes(6).toString("hex")}`;

afterAll(() => dropSchemaLater(url, schema));

describe("PostgreSQL store when the server ends its connections", () => {
  it("survives idle pooled connections being terminated and keeps answering", async () => {
    // The pool reports a connection the server ended through the process-wide logger.
    const logs = captureLog("warn");
    configureLogger({ level: "warn", format: "json", destination: logs.destination });
    const store = await openPostgresStore(url, { schema, max: 3, applicationName: schema });
    try {
      // Open a few pooled connections, then let them go idle.
      await Promise.all([1, 2, 3].map(() => store.getUser("u-restart")));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // What a restart or a failover does to every idle connection of this store's schema.
      const ended = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
        [schema],
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
      // The pool sees each socket close: an 'error' event, handled (a warning), not the end of the process.
      await logs.waitFor(
        "a pooled PostgreSQL connection was closed by the server",
        "the pool to drop the ended connections",
        ended.rowCount ?? 1,
      );
      // The process is still here, and the store opens fresh connections.
      await expect(store.getUser("u-restart")).resolves.toBeNull();
    } finally {
      await store.close();
      configureLogger({});
    }
  });
});
