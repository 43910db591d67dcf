import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/open.js";

// Runs with the other PostgreSQL tests (vitest.config.ts): TEST_DATABASE_URL names the server.
const url = process.env.TEST_DATABASE_URL as string;
const schema = `star_restart_${randomBytes(6).toString("hex")}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe("PostgreSQL store when the server ends its connections", () => {
  it("survives idle pooled connections being terminated and keeps answering", async () => {
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
      // Give the pool the moment it takes to see the sockets close (its 'error' events fire here).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
      // The process is still here, and the store opens fresh connections.
      await expect(store.getUser("u-restart")).resolves.toBeNull();
    } finally {
      await store.close();
    }
  });
});
