import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { guildBoard } from "../../src/sessions/leaderboard.js";
import { openSqliteStore } from "../../src/store/open.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { tempDbPath } from "../helpers/sessions.js";

const NOW = new Date("2026-03-10T12:00:00.000Z");

describe("server leaderboard", () => {
  it("lists the top opted-in members, and gives a member outside the top their own rank", async () => {
    const store = await openSqliteStore(tempDbPath());
    const g = grade(STRONG_ANSWER);
    // u0 practises most, u11 least; u5 is private.
    for (let u = 0; u < 12; u++) {
      await store.ensureUser(`u${u}`, `user ${u}`, NOW.toISOString());
      await store.saveUserSettings(`u${u}`, { public: u !== 5, defaultLevel: null });
      for (let k = 0; k < 12 - u; k++) {
        const id = randomUUID();
        const day = new Date(NOW.getTime() - (k % 5) * 86_400_000 - (k + 1) * 60_000).toISOString();
        await store.addAttempt({
          id,
          userId: `u${u}`,
          guildId: "g1",
          sessionId: null,
          questionId: "inv-cycle-count-gap",
          questionText: "q",
          competency: "inventory",
          level: "mid",
          kind: "single",
          answerText: STRONG_ANSWER,
          combineWith: null,
          createdAt: day,
        });
        await store.saveGrade(id, g, "offline", day);
      }
    }
    const board = await guildBoard(store, "g1", "week", "u11", NOW);
    expect(board.rows.map((r) => r.userId)).toEqual([
      "u0",
      "u1",
      "u2",
      "u3",
      "u4",
      "u6",
      "u7",
      "u8",
      "u9",
      "u10",
    ]);
    expect(board.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(board.hidden).toBe(1);
    expect(board.me).toMatchObject({ userId: "u11", rank: 11 });
    expect((await guildBoard(store, "g1", "week", "u5", NOW)).me).toMatchObject({ userId: "u5", rank: null });
    expect((await guildBoard(store, "g2", "all", "u1", NOW)).rows).toEqual([]);
    await store.close();
  });
});
