import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import type { Store } from "../../src/store/store.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { at, newAttempt, newSession, type StoreFactory, T0 } from "./contract.js";
import { tablesContaining } from "./raw.js";
import { newStory } from "./stories-contract.js";

/** A sentence no other test writes, so finding any part of it anywhere means the answer is still there. */
const sentence = (mark: string) => `I reconciled the ${mark} ledger myself and cut the gap to zero.`;
const answerWith = (mark: string) => `${STRONG_ANSWER}\n${sentence(mark)}`;

/** An LLM grade as the grader caches it: its quotes are verbatim sentences of the answer. */
function llmGrade(mark: string): Grade {
  const g = grade(answerWith(mark));
  return {
    ...g,
    grader: "llm",
    criteria: { ...g.criteria, result: { ...g.criteria.result, evidence: [sentence(mark)] } },
    usage: { prompt_tokens: 700, completion_tokens: 200 },
  };
}

/** An answer given in a server, graded by the LLM, cached and billed: every place its words go. */
async function answerEverywhere(
  store: Store,
  userId: string,
  mark: string,
  options: { createdAt?: string; sessionId?: string } = {},
): Promise<string> {
  const attempt = newAttempt(userId, {
    guildId: "g-priv",
    answerText: answerWith(mark),
    sessionId: options.sessionId ?? null,
    createdAt: options.createdAt ?? at(1),
  });
  await store.addAttempt(attempt);
  const g = llmGrade(mark);
  await store.saveGrade(attempt.id, g, "llm", attempt.createdAt);
  await store.setCachedGrade(`key-${mark}`, g, attempt.createdAt, {
    userId,
    guildId: "g-priv",
    attemptId: attempt.id,
  });
  await store.spendTokens(userId, "g-priv", 900, attempt.createdAt.slice(0, 10));
  return attempt.id;
}

/**
 * Whether the database files' bytes (SQLite: the file and its write-ahead log) hold `needle`; null on
 * an engine whose files the test cannot read.
 */
function filesHold(factory: StoreFactory, needle: string): boolean | null {
  if (!factory.files) return null;
  const bytes = Buffer.from(needle, "utf8");
  return factory
    .files()
    .filter((f) => existsSync(f))
    .some((f) => readFileSync(f).includes(bytes));
}

/** A story with the mark in its title, text, one part and its grade's quotes: every place its words go. */
async function storyEverywhere(store: Store, userId: string, id: string, mark: string, when = T0) {
  const parts = {
    situation: "Our cycle counts kept missing.",
    task: "I owned the fix.",
    action: sentence(mark),
    result: "Accuracy rose from 91% to 99.5%.",
  };
  await store.addStory(
    newStory(userId, id, {
      title: `The ${mark} ledger`,
      text: Object.values(parts).join("\n\n"),
      parts,
      grade: llmGrade(mark),
      at: when,
    }),
  );
}

/** Delete means delete: nothing of a deleted or expired answer is left in any table or file. */
export function privacyContract(name: string, factory: StoreFactory): void {
  describe(`store privacy: ${name}`, () => {
    it("exports a user's cached LLM grades and token counts, and deletes every byte of them", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "privacy-user-zq81";
        await store.ensureUser(user, "Zelda Quokkaville", T0);
        const session = newSession(user);
        await store.createSession(session);
        const attemptId = await answerEverywhere(store, user, "Quokkaville", { sessionId: session.id });
        await store.takeCooldown(user, "grade", T0, 30);
        await store.groups.saveEntry({
          roundId: "r-priv",
          userId: user,
          attemptId,
          share: "verbatim",
          createdAt: T0,
          updatedAt: T0,
        });
        // A round the user started and closed, and a daily schedule they set: the server's, not theirs.
        const round = {
          id: `r-priv-started-${name}`,
          guildId: "g-priv",
          channelId: "c1",
          threadId: "t1",
          messageId: "m1",
          questionId: "inv-cycle-count-gap",
          level: "mid" as const,
          focus: null,
          startedBy: user,
          source: "group" as const,
          feedback: "private" as const,
          status: "open" as const,
          closesAt: at(30),
          createdAt: T0,
          closedAt: null,
          closedBy: null,
        };
        await store.groups.saveRound(round);
        await store.groups.closeRound(round.id, at(3), user, null);
        await store.groups.saveDaily({
          guildId: "g-priv",
          channelId: "c1",
          time: "09:30",
          focus: null,
          level: null,
          minutes: 60,
          setBy: user,
          updatedAt: T0,
        });
        await answerEverywhere(store, "privacy-bystander", "Wombatshire");

        const exported = await store.exportUser(user, at(2));
        expect(exported.llmCache).toEqual([
          {
            key: "key-Quokkaville",
            attemptId,
            guildId: "g-priv",
            grade: llmGrade("Quokkaville"),
            createdAt: at(1),
          },
        ]);
        expect(exported.llmSpend).toEqual([{ day: at(1).slice(0, 10), tokens: 900 }]);
        // The scan finds what is there: the answer is in the answer, its grade and the cached grade.
        expect(await tablesContaining(raw, "Quokkaville")).toEqual(
          expect.arrayContaining(["attempts (1)", "llm_cache (1)", "users (1)"]),
        );
        expect(filesHold(factory, "Quokkaville")).not.toBe(false);

        await store.deleteUser(user);

        expect(await tablesContaining(raw, "Quokkaville")).toEqual([]);
        expect(await tablesContaining(raw, user)).toEqual([]);
        // The round and the schedule stay, with nobody named.
        expect(await store.groups.getRound(round.id)).toMatchObject({
          status: "closed",
          startedBy: null,
          closedBy: null,
        });
        expect(await store.groups.getDaily("g-priv")).toMatchObject({ time: "09:30", setBy: "" });
        expect(await tablesContaining(raw, "Wombatshire")).toEqual(
          expect.arrayContaining(["attempts (1)", "llm_cache (1)"]),
        );
        expect(filesHold(factory, "Quokkaville")).not.toBe(true);
        expect(filesHold(factory, user)).not.toBe(true);
        expect(await store.getCachedGrade("key-Quokkaville", user)).toBeNull();
        expect(await store.getCachedGrade("key-Wombatshire", "privacy-bystander")).not.toBeNull();
      } finally {
        await raw.close();
        await store.close();
      }
      // Closing checkpoints the log into the file: still nothing.
      expect(filesHold(factory, "Quokkaville")).not.toBe(true);
    });

    it("leaves no byte of a story deleted, edited away, deleted with its user, or expired", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "privacy-story-user";
        await storyEverywhere(store, user, "ps-deleted", "Kookaburrow");
        await storyEverywhere(store, user, "ps-edited", "Bandicootle");
        await storyEverywhere(store, user, "ps-expired", "Wallabyton", "2025-01-01T00:00:00.000Z");
        await storyEverywhere(store, user, "ps-user", "Dingoridge", at(1));
        await storyEverywhere(store, "privacy-story-bystander", "ps-kept", "Possumvale", at(1));
        for (const mark of ["Kookaburrow", "Bandicootle", "Wallabyton", "Dingoridge"]) {
          expect(await tablesContaining(raw, mark)).toEqual(["stories (1)"]);
          expect(filesHold(factory, mark)).not.toBe(false);
        }

        expect(await store.deleteStory(user, "ps-deleted")).toBe(true);
        expect(await tablesContaining(raw, "Kookaburrow")).toEqual([]);
        expect(filesHold(factory, "Kookaburrow")).not.toBe(true);

        await store.updateStory(user, "ps-edited", {
          title: "A ledger",
          text: STRONG_ANSWER,
          parts: null,
          grade: grade(STRONG_ANSWER),
          at: at(2),
        });
        expect(await tablesContaining(raw, "Bandicootle")).toEqual([]);
        expect(filesHold(factory, "Bandicootle")).not.toBe(true);

        expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z")).toBe(1);
        expect(await tablesContaining(raw, "Wallabyton")).toEqual([]);
        expect(filesHold(factory, "Wallabyton")).not.toBe(true);

        expect((await store.deleteUser(user)).stories).toBe(2);
        expect(await tablesContaining(raw, "Dingoridge")).toEqual([]);
        expect(await tablesContaining(raw, user)).toEqual([]);
        expect(filesHold(factory, "Dingoridge")).not.toBe(true);
        expect(filesHold(factory, user)).not.toBe(true);
        expect(await tablesContaining(raw, "Possumvale")).toEqual(["stories (1)"]);
      } finally {
        await raw.close();
        await store.close();
      }
      for (const mark of ["Kookaburrow", "Bandicootle", "Wallabyton", "Dingoridge"])
        expect(filesHold(factory, mark)).not.toBe(true);
    });

    it("deletes without waiting for another connection that is mid-read", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        await answerEverywhere(store, "privacy-user-busy", "Bilbyton");
        let elapsed = Number.POSITIVE_INFINITY;
        await raw.db.transaction().execute(async (tx) => {
          await tx.selectFrom("attempts").select("id").execute();
          const started = performance.now();
          await store.deleteUser("privacy-user-busy");
          elapsed = performance.now() - started;
        });
        // SQLite cannot empty its log under a reader; it must not hold the event loop waiting for one.
        expect(elapsed).toBeLessThan(2000);
        expect(await tablesContaining(raw, "Bilbyton")).toEqual([]);
        // Once the reader is gone, the next delete empties the log.
        await store.deleteUser("nobody");
        expect(filesHold(factory, "Bilbyton")).not.toBe(true);
      } finally {
        await raw.close();
        await store.close();
      }
    });

    it("removes an expired answer's cached grade with the answer, and keeps the rest", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "privacy-user-ret";
        await answerEverywhere(store, user, "Platypusburg", { createdAt: "2025-01-01T00:00:00.000Z" });
        await answerEverywhere(store, user, "Echidnaford", { createdAt: at(1) });
        // A grade cached for no stored answer (none was linked) expires by its own date.
        await store.setCachedGrade("key-unlinked", llmGrade("Numbatvale"), "2025-01-02T00:00:00.000Z", {
          userId: user,
          guildId: "g-priv",
          attemptId: null,
        });
        expect(await tablesContaining(raw, "Platypusburg")).toEqual(["attempts (1)", "llm_cache (1)"]);
        expect(filesHold(factory, "Platypusburg")).not.toBe(false);

        expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z", "g-priv")).toBe(1);

        expect(await tablesContaining(raw, "Platypusburg")).toEqual([]);
        expect(await tablesContaining(raw, "Numbatvale")).toEqual([]);
        expect(await tablesContaining(raw, "Echidnaford")).toEqual(["attempts (1)", "llm_cache (1)"]);
        expect(filesHold(factory, "Platypusburg")).not.toBe(true);
        expect(filesHold(factory, "Numbatvale")).not.toBe(true);
      } finally {
        await raw.close();
        await store.close();
      }
      expect(filesHold(factory, "Platypusburg")).not.toBe(true);
    });
  });
}
