import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/store/open.js";
import { storeContract } from "./contract.js";
import { rawSqlite } from "./raw.js";

let file = "";

storeContract("SQLite (better-sqlite3, WAL)", {
  open: () => {
    file = join(mkdtempSync(join(tmpdir(), "star-coach-")), "test.db");
    return openSqliteStore(file);
  },
  openSecond: () => openSqliteStore(file),
  raw: () => rawSqlite(file),
  files: () => [file, `${file}-wal`],
});
