import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/open.js";

// Migration 0007 adds leases and retries to daily posts and round summaries. Rows from before it were
// claimed by code that never retried: they count as posted, so an upgrade posts nothing a second time.
describe("migration 0007: post claims", () => {
  it("counts earlier daily claims and closed rounds as posted, and leaves open rounds without a summary due", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "star-coach-")), "test.db");
    await (await openSqliteStore(file)).close();
    // Back to the schema before 0007 (and so before 0008, 0009 and 0010), with rows written by the code of that time.
    const raw = new Database(file);
    raw.exec(`
      DROP INDEX group_rounds_summary_retry;
      ALTER TABLE daily_posts DROP COLUMN state;
      ALTER TABLE daily_posts DROP COLUMN lease_until;
      ALTER TABLE daily_posts DROP COLUMN attempts;
      ALTER TABLE daily_posts DROP COLUMN round_id;
      ALTER TABLE daily_posts DROP COLUMN message_id;
      ALTER TABLE daily_posts DROP COLUMN posted_at;
      ALTER TABLE group_rounds DROP COLUMN summary_state;
      ALTER TABLE group_rounds DROP COLUMN summary_by;
      ALTER TABLE group_rounds DROP COLUMN summary_lease_until;
      ALTER TABLE group_rounds DROP COLUMN summary_attempts;
      ALTER TABLE group_rounds DROP COLUMN summary_message_id;
      DELETE FROM kysely_migration WHERE name = '0007_post_claims_and_retries';
      DROP INDEX attempts_guild_scores;
      ALTER TABLE attempts DROP COLUMN criterion_scores;
      ALTER TABLE attempts DROP COLUMN overall;
      DROP TABLE stories;
      DELETE FROM kysely_migration
        WHERE name IN ('0008_attempt_overall', '0009_attempt_scores_and_leaderboard_index', '0010_stories');
    `);
    raw
      .prepare("INSERT INTO daily_posts (guild_id, day, claimed_by, claimed_at) VALUES (?, ?, ?, ?)")
      .run("g1", "2026-01-05", "old-process", "2026-01-05T09:30:00.000Z");
    const round = (id: string, status: string) =>
      JSON.stringify({
        id,
        guildId: "g1",
        channelId: "c1",
        threadId: "t1",
        messageId: "m1",
        questionId: "inv-cycle-count-gap",
        level: "mid",
        focus: null,
        startedBy: "u1",
        source: "group",
        feedback: "private",
        status,
        closesAt: "2026-01-05T10:00:00.000Z",
        createdAt: "2026-01-05T09:30:00.000Z",
        closedAt: null,
        closedBy: null,
      });
    const insertRound = raw.prepare(
      "INSERT INTO group_rounds (id, guild_id, status, closes_at, round, created_at) VALUES (?, 'g1', ?, '2026-01-05T10:00:00.000Z', ?, '2026-01-05T09:30:00.000Z')",
    );
    insertRound.run("closed-before", "closed", round("closed-before", "closed"));
    insertRound.run("open-before", "open", round("open-before", "open"));
    raw.close();

    const store = await openSqliteStore(file);
    expect(await store.groups.getDailyPost("g1", "2026-01-05")).toMatchObject({
      state: "posted",
      claimedBy: "old-process",
      attempts: 1,
    });
    const later = { by: "new", at: "2026-01-05T23:00:00.000Z", leaseUntil: "2026-01-05T23:01:30.000Z" };
    expect(await store.groups.claimDailyPost("g1", "2026-01-05", later)).toBeNull();
    expect(await store.groups.getSummary("closed-before")).toMatchObject({ state: "posted" });
    expect(await store.groups.listPendingSummaries("2026-12-31T00:00:00.000Z")).toEqual([]);
    expect(await store.groups.getSummary("open-before")).toMatchObject({ state: "none" });
    expect((await store.groups.listDueRounds("2026-01-05T11:00:00.000Z")).map((r) => r.id)).toEqual([
      "open-before",
    ]);
    await store.close();
  });
});
