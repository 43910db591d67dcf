import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/open.js";
import { withStatementCache } from "../../src/store/sqlite-dialect.js";

describe("SQLite statement cache", () => {
  it("compiles each SQL text once, keeps the most recently used, and never hands out a busy statement", () => {
    const database = new BetterSqlite3(":memory:");
    let compiled = 0;
    const prepare = database.prepare.bind(database);
    database.prepare = ((sql: string) => {
      compiled++;
      return prepare(sql);
    }) as typeof database.prepare;
    const cached = withStatementCache(database, 2);
    const a = cached.prepare("select 1 as n");
    expect(cached.prepare("select 1 as n")).toBe(a);
    expect(a.all([])).toEqual([{ n: 1 }]);
    const b = cached.prepare("select 2 as n");
    cached.prepare("select 1 as n");
    cached.prepare("select 3 as n");
    expect(compiled).toBe(3);
    // "select 2" was the least recently used of three: dropped, compiled again.
    expect(cached.prepare("select 2 as n")).not.toBe(b);
    expect(cached.prepare("select 1 as n")).not.toBe(a);
    expect(compiled).toBe(5);
    const rows = cached.prepare("select value from json_each('[1,2,3]')");
    const reading = rows.iterate([]);
    reading.next();
    const other = cached.prepare("select value from json_each('[1,2,3]')");
    expect(other).not.toBe(rows);
    expect(other.all([])).toHaveLength(3);
    reading.return?.();
    expect(cached.prepare("select value from json_each('[1,2,3]')")).toBe(rows);
    cached.close();
  });
});

describe("guild settings cache", () => {
  it("serves a guild's settings from memory for a short time, and another process's change after it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "star-coach-")), "test.db");
    const clock = { ms: 0 };
    const shard = await openSqliteStore(file, { settingsCacheMs: 5_000, now: () => clock.ms });
    const other = await openSqliteStore(file);
    const defaults = await shard.getGuildSettings("g1");
    await other.saveGuildSettings("g1", { ...defaults, llmGrading: false }, "2026-01-01T00:00:00.000Z");
    clock.ms = 4_999;
    expect((await shard.getGuildSettings("g1")).llmGrading).toBe(true);
    clock.ms = 5_000;
    expect((await shard.getGuildSettings("g1")).llmGrading).toBe(false);
    // Its own write is seen at once.
    await shard.saveGuildSettings("g1", { ...defaults, retentionDays: 9 }, "2026-01-01T00:00:01.000Z");
    expect((await shard.getGuildSettings("g1")).retentionDays).toBe(9);
    await other.close();
    await shard.close();
  });

  it("leaves the saved value to be read next when a read races a save of its own", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "star-coach-")), "test.db");
    const store = await openSqliteStore(file, { settingsCacheMs: 60_000, now: () => 0 });
    const defaults = await store.getGuildSettings("g2");
    await store.saveGuildSettings("g2", defaults, "2026-01-01T00:00:00.000Z");
    const [during] = await Promise.all([
      store.getGuildSettings("g2"),
      store.saveGuildSettings("g2", { ...defaults, dailyLlmTokens: 7 }, "2026-01-01T00:00:01.000Z"),
    ]);
    expect([0, 7]).toContain(during.dailyLlmTokens);
    expect((await store.getGuildSettings("g2")).dailyLlmTokens).toBe(7);
    await store.close();
  });
});
