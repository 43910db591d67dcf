import { describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { StoredDataError } from "../../src/store/store.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { at, newAttempt, newSession, type StoreFactory, T0 } from "./contract.js";

/** A grade as one misbehaving LLM server returns it: `usage` missing a count, or with negative ones. */
const withUsage = (usage: unknown): Grade => ({ ...grade(STRONG_ANSWER), grader: "llm", usage }) as Grade;

/** One bad reply or one bad row must never make a user's (or a server's) other data unreadable. */
export function dataFaultsContract(name: string, factory: StoreFactory): void {
  describe(`store data faults: ${name}`, () => {
    it("normalises an LLM grade's bad token counts on write and on read, so it stays readable", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const [missing, negative, storedEarlier] = ["f1", "f2", "f3"].map((id, i) =>
          newAttempt("faults-u1", { id: `${id}-${name}`, guildId: "g-faults", createdAt: at(i) }),
        );
        if (!missing || !negative || !storedEarlier) throw new Error("setup");
        for (const a of [missing, negative, storedEarlier]) await store.addAttempt(a);
        await store.saveGrade(missing.id, withUsage({ prompt_tokens: 700 }), "llm", at(5));
        await store.saveGrade(
          negative.id,
          withUsage({ prompt_tokens: -5, completion_tokens: -1 }),
          "llm",
          at(5),
        );
        // Written by a version without the check: the row already holds the bad usage.
        await raw.db
          .updateTable("attempts")
          .set({ grade: JSON.stringify(withUsage({ prompt_tokens: 9 })), grader: "llm", graded_at: at(5) })
          .where("id", "=", storedEarlier.id)
          .execute();
        await store.setCachedGrade("k-usage", withUsage({ completion_tokens: 3.7 }), T0, {
          userId: "faults-u1",
          guildId: null,
          attemptId: null,
        });

        expect((await store.getAttempt(missing.id))?.grade?.usage).toEqual({
          prompt_tokens: 700,
          completion_tokens: 0,
        });
        expect((await store.getAttempt(negative.id))?.grade?.usage).toEqual({
          prompt_tokens: 0,
          completion_tokens: 0,
        });
        expect((await store.getAttempt(storedEarlier.id))?.grade?.usage).toEqual({
          prompt_tokens: 9,
          completion_tokens: 0,
        });
        expect((await store.getCachedGrade("k-usage", "faults-u1"))?.usage).toEqual({
          prompt_tokens: 0,
          completion_tokens: 4,
        });
        // The token count of such a reply is NaN: counted as nothing, not a failed write.
        await store.spendTokens("faults-u1", "g-faults", 900, "2026-01-05");
        await store.spendTokens("faults-u1", "g-faults", Number.NaN, "2026-01-05");
        await store.spendTokens("faults-u1", "g-faults", -100.4, "2026-01-05");
        expect(await store.tokensSpent("faults-u1", "g-faults", "2026-01-05")).toEqual({
          user: 800,
          guild: 800,
        });
        expect(await store.listAttempts("faults-u1", { gradedOnly: true })).toHaveLength(3);
        expect(await store.listGuildAttempts("g-faults")).toHaveLength(3);
      } finally {
        await raw.close();
        await store.close();
      }
    });

    it("skips an unreadable row in every list instead of failing the list, and still exports it", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "faults-u2";
        const good = newAttempt(user, { guildId: "g-bad", createdAt: at(1) });
        const notJson = newAttempt(user, { guildId: "g-bad", createdAt: at(2) });
        const wrongShape = newAttempt(user, { guildId: "g-bad", createdAt: at(3) });
        const ungraded = newAttempt(user, { guildId: "g-bad", createdAt: at(4) });
        const badLevel = newAttempt(user, { guildId: "g-bad", createdAt: at(5) });
        for (const a of [good, notJson, wrongShape, ungraded, badLevel]) await store.addAttempt(a);
        await store.saveGrade(good.id, grade(STRONG_ANSWER), "offline", at(6));
        const plant = (id: string, values: Record<string, string>) =>
          raw.db.updateTable("attempts").set(values).where("id", "=", id).execute();
        await plant(notJson.id, { grade: "{not json", grader: "llm", graded_at: at(6) });
        await plant(wrongShape.id, { grade: '{"grader":"llm"}', grader: "llm", graded_at: at(6) });
        await plant(badLevel.id, { level: "wizard" });
        const session = newSession(user);
        await store.createSession(session);
        await raw.db
          .insertInto("sessions")
          .values({
            id: "bad-session",
            user_id: user,
            status: "finished",
            state: "{not json",
            version: 1,
            created_at: T0,
            updated_at: T0,
          })
          .execute();
        await store.saveGuildSettings("g-good", { ...(await store.getGuildSettings("g-good")) }, T0);
        await raw.db
          .insertInto("guild_settings")
          .values({ guild_id: "g-broken", settings: '{"retentionDays":-3}', updated_at: T0 })
          .execute();

        expect((await store.listAttempts(user)).map((a) => a.id)).toEqual([ungraded.id, good.id]);
        expect((await store.listGuildAttempts("g-bad")).map((a) => a.id)).toEqual([good.id]);
        expect((await store.listUngraded()).map((a) => a.id)).toEqual([ungraded.id]);
        expect((await store.listSessions(user)).map((s) => s.id)).toEqual([session.id]);
        expect((await store.listGuildSettings()).map((g) => g.guildId)).toEqual(["g-good"]);
        // One row alone may still refuse to be read, as itself.
        await expect(store.getAttempt(wrongShape.id)).rejects.toBeInstanceOf(StoredDataError);
        // The export is the user's data, readable or not: every answer is in it.
        const exported = await store.exportUser(user, at(9));
        expect(exported.attempts.map((a) => a.id)).toEqual([
          good.id,
          notJson.id,
          wrongShape.id,
          ungraded.id,
          badLevel.id,
        ]);
        expect(exported.attempts.find((a) => a.id === notJson.id)?.grade).toBe("{not json");
        expect(exported.attempts.find((a) => a.id === wrongShape.id)?.grade).toEqual({ grader: "llm" });
        expect(exported.sessions).toHaveLength(2);
      } finally {
        await raw.close();
        await store.close();
      }
    });

    it("closes an unreadable open session and reports it, instead of locking the user out", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "faults-u3";
        const readable = newSession(user);
        await store.createSession(readable);
        // Created by a version that let a forged option through: 50 questions fails the schema.
        const forged = { ...newSession(user, "forged-session"), updatedAt: at(1) };
        await raw.db
          .insertInto("sessions")
          .values({
            id: forged.id,
            user_id: user,
            status: "active",
            state: JSON.stringify({ ...forged, config: { ...forged.config, questionCount: 50 } }),
            version: 1,
            created_at: forged.createdAt,
            updated_at: forged.updatedAt,
          })
          .execute();
        const onlyForged = { ...newSession("faults-u4", "forged-only"), updatedAt: at(1) };
        await raw.db
          .insertInto("sessions")
          .values({
            id: onlyForged.id,
            user_id: "faults-u4",
            status: "expired",
            state: '{"id":"forged-only"}',
            version: 3,
            created_at: T0,
            updated_at: T0,
          })
          .execute();

        const reported: string[] = [];
        const onUnreadable = (id: string) => reported.push(id);
        expect((await store.findOpenSession(user, { onUnreadable }))?.state.id).toBe(readable.id);
        expect(reported).toEqual([forged.id]);
        expect(await store.findOpenSession("faults-u4", { onUnreadable })).toBeNull();
        expect(reported).toEqual([forged.id, onlyForged.id]);
        // Closed for good: reported once, and never open again.
        expect((await store.findOpenSession(user, { onUnreadable }))?.state.id).toBe(readable.id);
        expect(await store.findOpenSession("faults-u4")).toBeNull();
        expect(reported).toHaveLength(2);
        const statuses = await raw.db
          .selectFrom("sessions")
          .select(["id", "status"])
          .where("id", "in", [forged.id, onlyForged.id])
          .orderBy("id")
          .execute();
        expect(statuses).toEqual([
          { id: onlyForged.id, status: "unreadable" },
          { id: forged.id, status: "unreadable" },
        ]);
        // And the store never writes a session it could not read back.
        const tooMany = newSession(user);
        await expect(
          store.createSession({ ...tooMany, config: { ...tooMany.config, questionCount: 50 } }),
        ).rejects.toBeInstanceOf(StoredDataError);
      } finally {
        await raw.close();
        await store.close();
      }
    });

    it("stores a NUL byte and a lone surrogate the same way on every engine, and reads them back", async () => {
      const store = await factory.open();
      try {
        const user = "faults-u5";
        await store.ensureUser(user, "Nul\u0000Name", T0);
        const text = `${STRONG_ANSWER}\nThe scanner wrote\u0000into the log \uD800 twice.`;
        const stored = `${STRONG_ANSWER}\nThe scanner wrote\uFFFDinto the log \uFFFD twice.`;
        const attempt = newAttempt(user, { answerText: text, questionText: "Q\u0000?" });
        await store.addAttempt(attempt);
        const g = grade(STRONG_ANSWER);
        const quoted: Grade = {
          ...g,
          criteria: { ...g.criteria, result: { ...g.criteria.result, evidence: ["wrote\u0000into"] } },
        };
        await store.saveGrade(attempt.id, quoted, "offline", at(1));

        const back = await store.getAttempt(attempt.id);
        expect(back?.answerText).toBe(stored);
        expect(back?.questionText).toBe("Q\uFFFD?");
        expect(back?.grade?.criteria.result.evidence).toEqual(["wrote\uFFFDinto"]);
        expect((await store.getUser(user))?.displayName).toBe("Nul\uFFFDName");
      } finally {
        await store.close();
      }
    });
  });
}
