import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { openPostgresStore } from "../../src/store/open.js";
import { dropSchemaLater } from "../helpers/postgres-schemas.js";
import { storeContract } from "./contract.js";
import { rawPostgres } from "./raw.js";

// Runs when TEST_DATABASE_URL points at a PostgreSQL server (.ci/run always sets it). Each store gets
// its own schema, dropped at the end of the run (see dropSchemaLater).
const url = process.env.TEST_DATABASE_URL;

if (url) {
  const schemas: string[] = [];
  let current = "";
  storeContract("PostgreSQL (pg)", {
    open: () => {
      current = `star_test_${randomBytes(6).toString("hex")}`;
      schemas.push(current);
      return openPostgresStore(url, { schema: current, max: 4 });
    },
    openSecond: () => openPostgresStore(url, { schema: current, max: 4 }),
    raw: () => rawPostgres(url, current),
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchemaLater(url, s);
  });
}
