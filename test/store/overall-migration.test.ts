import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/open.js";
import { grade } from "../helpers/grade.js";
import { newAttempt } from "./contract.js";

// Migration 0008 keeps each grade's overall beside its JSON; answers graded before it get theirs from
// the stored grade, so a leaderboard sees every one of them.
describe("migration 0008: the overall column", () => {
  it("fills the overall of answers graded before it, and leaves ungraded ones empty", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "star-coach-")), "test.db");
    const store = await openSqliteStore(file);
    const graded = newAttempt("u1", { id: "before-1", guildId: "g1" });
    const ungraded = newAttempt("u1", { id: "before-2", guildId: "g1" });
    await store.addAttempt(graded);
    await store.addAttempt(ungraded);
    const g = grade(graded.answerText, graded.questionId ?? undefined);
    await store.saveGrade(graded.id, g, "offline", "2026-01-05T10:01:00.000Z");
    await store.close();
    // Back to the schema before 0008 (and so before 0009 and 0010), as a database of that time holds it.
    const raw = new Database(file);
    raw.exec(`
      DROP INDEX attempts_guild_scores;
      ALTER TABLE attempts DROP COLUMN criterion_scores;
      ALTER TABLE attempts DROP COLUMN overall;
      DROP TABLE stories;
      DELETE FROM kysely_migration
        WHERE name IN ('0008_attempt_overall', '0009_attempt_scores_and_leaderboard_index', '0010_stories');
    `);
    raw.close();

    const upgraded = await openSqliteStore(file);
    expect(await upgraded.listGuildScores("g1")).toEqual([
      expect.objectContaining({ id: "before-1", overall: g.overall }),
    ]);
    await upgraded.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare("select id, overall from attempts order by id").all()).toEqual([
      { id: "before-1", overall: g.overall },
      { id: "before-2", overall: null },
    ]);
    check.close();
  });
});
