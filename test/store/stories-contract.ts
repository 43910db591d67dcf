import { describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { type NewStory, STORY_LIMITS, type StoryParts } from "../../src/store/records.js";
import { InvalidStoryError, type Store, StoredDataError, StoryBankFullError } from "../../src/store/store.js";
import { grade, STRONG_ANSWER } from "../helpers/grade.js";
import { at, newAttempt, type StoreFactory, T0 } from "./contract.js";

const PARTS: StoryParts = {
  situation: "At our Memphis distribution center, on-time dispatch had fallen to 84% during peak.",
  task: "As the outbound analyst, I had to get it above 97% in eight weeks without adding headcount.",
  action: "I mapped six weeks of scan data and moved wave release from two hours to every 30 minutes.",
  result: "On-time dispatch rose from 84% to 98% in six weeks and overtime fell by 25%.",
};
const joined = (p: StoryParts) => [p.situation, p.task, p.action, p.result].join("\n\n");

let graded: Grade | undefined;
const storyGrade = (): Grade => {
  graded ??= grade(STRONG_ANSWER);
  return graded;
};

export function newStory(userId: string, id: string, overrides: Partial<NewStory> = {}): NewStory {
  return {
    id,
    userId,
    title: "Dispatch cutoff at Memphis",
    text: joined(PARTS),
    parts: PARTS,
    competencies: ["process-improvement", "data-analysis"],
    competenciesEdited: false,
    level: "mid",
    grade: storyGrade(),
    graderVersion: "offline-1",
    at: T0,
    ...overrides,
  };
}

const stored = (story: NewStory) => {
  const { at: when, ...rest } = story;
  return { ...rest, createdAt: when, updatedAt: when };
};

async function fill(store: Store, userId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await store.addStory(newStory(userId, `${userId}-${String(i).padStart(2, "0")}`, { at: at(i) }));
}

/** The story bank: a user's own stories, private to them, capped, exported, deleted and expired. */
export function storiesContract(name: string, factory: StoreFactory): void {
  describe(`store stories: ${name}`, () => {
    it("adds, lists oldest first, reads and counts a user's stories, and no one else's", async () => {
      const store = await factory.open();
      try {
        const second = newStory("sb-u1", "sb-2", { at: at(5), parts: null, text: STRONG_ANSWER });
        const first = newStory("sb-u1", "sb-1", { at: at(1), competenciesEdited: true });
        await store.addStory(second);
        await store.addStory(first);
        await store.addStory(newStory("sb-u2", "sb-3"));
        expect(await store.listStories("sb-u1")).toEqual([stored(first), stored(second)]);
        expect(await store.getStory("sb-u1", "sb-2")).toEqual(stored(second));
        expect(await store.countStories("sb-u1")).toBe(2);
        // Another user's story is not there for them.
        expect(await store.getStory("sb-u1", "sb-3")).toBeNull();
        expect(await store.getStory("sb-u2", "sb-1")).toBeNull();
        expect(await store.getStory("sb-u1", "missing")).toBeNull();
        expect(await store.listStories("nobody")).toEqual([]);
        expect(await store.countStories("nobody")).toBe(0);
      } finally {
        await store.close();
      }
    });

    it("updates the fields given and the time, only for the story's owner", async () => {
      const store = await factory.open();
      try {
        const story = newStory("su-u1", "su-1");
        await store.addStory(story);
        const regraded = { ...storyGrade(), overall: 2 };
        const updated = await store.updateStory("su-u1", "su-1", {
          title: "Dispatch, rewritten",
          text: STRONG_ANSWER,
          parts: null,
          competencies: ["customer-focus"],
          competenciesEdited: true,
          level: "senior",
          grade: regraded,
          graderVersion: "offline-2",
          at: at(10),
        });
        const expected = {
          ...stored(story),
          title: "Dispatch, rewritten",
          text: STRONG_ANSWER,
          parts: null,
          competencies: ["customer-focus"],
          competenciesEdited: true,
          level: "senior",
          grade: regraded,
          graderVersion: "offline-2",
          updatedAt: at(10),
        };
        expect(updated).toEqual(expected);
        expect(await store.getStory("su-u1", "su-1")).toEqual(expected);
        // Only what is given changes.
        const retitled = await store.updateStory("su-u1", "su-1", { title: "Short", at: at(11) });
        expect(retitled).toEqual({ ...expected, title: "Short", updatedAt: at(11) });
        await store.updateStory("su-u1", "su-1", { parts: PARTS, at: at(12) });
        expect((await store.getStory("su-u1", "su-1"))?.parts).toEqual(PARTS);
        // Not theirs, or gone: nothing changes.
        expect(await store.updateStory("su-u2", "su-1", { title: "Mine now", at: at(13) })).toBeNull();
        expect(await store.updateStory("su-u1", "missing", { title: "x", at: at(13) })).toBeNull();
        expect((await store.getStory("su-u1", "su-1"))?.title).toBe("Short");
      } finally {
        await store.close();
      }
    });

    it("deletes a story for its owner only", async () => {
      const store = await factory.open();
      try {
        await store.addStory(newStory("sd-u1", "sd-1"));
        await store.addStory(newStory("sd-u1", "sd-2", { at: at(1) }));
        expect(await store.deleteStory("sd-u2", "sd-1")).toBe(false);
        expect(await store.deleteStory("sd-u1", "sd-1")).toBe(true);
        expect(await store.deleteStory("sd-u1", "sd-1")).toBe(false);
        expect((await store.listStories("sd-u1")).map((s) => s.id)).toEqual(["sd-2"]);
      } finally {
        await store.close();
      }
    });

    it(`keeps at most ${STORY_LIMITS.perUser} stories per user`, async () => {
      const store = await factory.open();
      try {
        await fill(store, "sc-u1", STORY_LIMITS.perUser);
        const refused = await store.addStory(newStory("sc-u1", "sc-extra")).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(StoryBankFullError);
        expect((refused as StoryBankFullError).limit).toBe(STORY_LIMITS.perUser);
        expect((refused as StoryBankFullError).userMessage).toMatchInlineSnapshot(
          `"Your story bank is full (50 stories): delete a story to add another."`,
        );
        expect(await store.countStories("sc-u1")).toBe(STORY_LIMITS.perUser);
        expect(await store.getStory("sc-u1", "sc-extra")).toBeNull();
        // Another user's bank is their own; a deleted story makes room.
        await store.addStory(newStory("sc-u2", "sc-other"));
        await store.deleteStory("sc-u1", "sc-u1-00");
        await store.addStory(newStory("sc-u1", "sc-extra", { at: at(99) }));
        expect(await store.countStories("sc-u1")).toBe(STORY_LIMITS.perUser);
      } finally {
        await store.close();
      }
    });

    it("lets only one of two adds at once take the last place, across connections", async () => {
      const first = await factory.open();
      const second = await factory.openSecond();
      try {
        await fill(first, "sr-u1", STORY_LIMITS.perUser - 1);
        const results = await Promise.allSettled([
          first.addStory(newStory("sr-u1", "sr-a", { at: at(80) })),
          second.addStory(newStory("sr-u1", "sr-b", { at: at(80) })),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        const rejected = results.find((r) => r.status === "rejected");
        expect(rejected?.reason).toBeInstanceOf(StoryBankFullError);
        expect(await first.countStories("sr-u1")).toBe(STORY_LIMITS.perUser);
      } finally {
        await second.close();
        await first.close();
      }
    });

    it("refuses a title, text or part past its limit, with a message for the user", async () => {
      const store = await factory.open();
      try {
        const message = async (story: NewStory) => {
          const err = await store.addStory(story).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(InvalidStoryError);
          return (err as InvalidStoryError).userMessage;
        };
        const long = (n: number) => "x".repeat(n);
        expect(await message(newStory("sl-u1", "sl-1", { title: long(101) }))).toMatchInlineSnapshot(
          `"A story's title can be at most 100 characters."`,
        );
        expect(await message(newStory("sl-u1", "sl-1", { title: "  " }))).toMatchInlineSnapshot(
          `"A story needs a title."`,
        );
        expect(
          await message(newStory("sl-u1", "sl-1", { text: long(6001), parts: null })),
        ).toMatchInlineSnapshot(`"A story can be at most 6,000 characters."`);
        expect(
          await message(newStory("sl-u1", "sl-1", { parts: { ...PARTS, action: long(1451) } })),
        ).toMatchInlineSnapshot(
          `"Each part of a story (situation, task, action, result) can be at most 1,450 characters."`,
        );
        // Four parts at their limit, joined by blank lines, make a story within its own.
        const full = { situation: long(1450), task: long(1450), action: long(1450), result: long(1450) };
        expect(joined(full).length).toBeLessThanOrEqual(STORY_LIMITS.text);
        await store.addStory(
          newStory("sl-u1", "sl-full", { title: long(100), text: joined(full), parts: full }),
        );
        expect((await store.getStory("sl-u1", "sl-full"))?.parts).toEqual(full);
        // An edit is checked the same way, and a refused one changes nothing.
        await expect(
          store.updateStory("sl-u1", "sl-full", { title: long(101), at: at(5) }),
        ).rejects.toBeInstanceOf(InvalidStoryError);
        expect((await store.getStory("sl-u1", "sl-full"))?.updatedAt).toBe(T0);
        // A grade or level that could not be read back is refused as stored data.
        const badGrade = { ...storyGrade(), overall: 9 };
        await expect(store.addStory(newStory("sl-u1", "sl-2", { grade: badGrade }))).rejects.toBeInstanceOf(
          StoredDataError,
        );
        await expect(
          store.updateStory("sl-u1", "sl-full", { grade: badGrade, at: at(6) }),
        ).rejects.toBeInstanceOf(StoredDataError);
        expect(await store.countStories("sl-u1")).toBe(1);
      } finally {
        await store.close();
      }
    });

    it("stores NUL and unpaired surrogates as U+FFFD, as answers are", async () => {
      const store = await factory.open();
      try {
        const parts = { ...PARTS, task: "We had\u0000 to ship \uD800 on time." };
        await store.addStory(
          newStory("sn-u1", "sn-1", { title: "Cut\u0000off", text: joined(parts), parts }),
        );
        const read = await store.getStory("sn-u1", "sn-1");
        expect(read?.title).toBe("Cut\uFFFDoff");
        expect(read?.parts?.task).toBe("We had\uFFFD to ship \uFFFD on time.");
        expect(read?.text).toContain("We had\uFFFD to ship \uFFFD on time.");
        const edited = await store.updateStory("sn-u1", "sn-1", { title: "A\u0000B", at: at(1) });
        expect(edited?.title).toBe("A\uFFFDB");
      } finally {
        await store.close();
      }
    });

    it("skips and logs an unreadable story in a list, refuses it alone, and exports it as stored", async () => {
      const store = await factory.open();
      const raw = factory.raw();
      try {
        const user = "sf-u1";
        const good = newStory(user, "sf-good", { at: at(1) });
        await store.addStory(good);
        const plant = async (id: string, minute: number, row: Record<string, unknown>) => {
          await store.addStory(newStory(user, id, { at: at(minute) }));
          await raw.db.updateTable("stories").set(row).where("id", "=", id).execute();
        };
        await plant("sf-not-json", 2, { grade: "{not json" });
        await plant("sf-shape", 3, { parts: '{"situation":1}' });
        await plant("sf-level", 4, { level: "intern" });
        await plant("sf-competencies", 5, { competencies: '"inventory"' });

        expect((await store.listStories(user)).map((s) => s.id)).toEqual(["sf-good"]);
        await expect(store.getStory(user, "sf-not-json")).rejects.toBeInstanceOf(StoredDataError);
        // It still counts, and its owner can still delete it.
        expect(await store.countStories(user)).toBe(5);
        const exported = await store.exportUser(user, at(9));
        expect(exported.stories.map((s) => s.id)).toEqual([
          "sf-good",
          "sf-not-json",
          "sf-shape",
          "sf-level",
          "sf-competencies",
        ]);
        expect(exported.stories.find((s) => s.id === "sf-not-json")?.grade).toBe("{not json");
        expect(exported.stories.find((s) => s.id === "sf-shape")?.parts).toEqual({ situation: 1 });
        expect(exported.stories.find((s) => s.id === "sf-level")?.level).toBe("intern");
        expect(await store.deleteStory(user, "sf-not-json")).toBe(true);
        // A new grade for a story whose other fields are fine makes it readable again.
        await raw.db.updateTable("stories").set({ grade: "{}" }).where("id", "=", "sf-good").execute();
        expect(await store.updateStory(user, "sf-good", { grade: storyGrade(), at: at(10) })).toEqual({
          ...stored(good),
          updatedAt: at(10),
        });
      } finally {
        await raw.close();
        await store.close();
      }
    });

    it("exports a user's stories, deletes them with the user, and expires old ones on global retention", async () => {
      const store = await factory.open();
      try {
        const old = newStory("se-u1", "se-old", { at: "2025-01-01T00:00:00.000Z" });
        const edited = newStory("se-u1", "se-edited", { at: "2025-01-02T00:00:00.000Z" });
        const recent = newStory("se-u1", "se-recent", { at: at(1) });
        for (const s of [old, edited, recent]) await store.addStory(s);
        await store.updateStory("se-u1", "se-edited", { title: "Kept: edited lately", at: at(2) });
        await store.addStory(newStory("se-u2", "se-other", { at: "2025-01-01T00:00:00.000Z" }));

        const exported = await store.exportUser("se-u1", at(3));
        expect(exported.stories).toEqual([
          stored(old),
          { ...stored(edited), title: "Kept: edited lately", updatedAt: at(2) },
          stored(recent),
        ]);

        // A server's retention leaves stories alone: they belong to no server.
        await store.addAttempt(
          newAttempt("se-u1", { guildId: "g-se", createdAt: "2025-01-01T00:00:00.000Z" }),
        );
        expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z", "g-se")).toBe(1);
        expect(await store.countStories("se-u1")).toBe(3);
        // The global one expires a story by when it was last changed, and counts it.
        expect(await store.purgeAttemptsBefore("2025-06-01T00:00:00.000Z")).toBe(2);
        expect((await store.listStories("se-u1")).map((s) => s.id)).toEqual(["se-edited", "se-recent"]);
        expect(await store.listStories("se-u2")).toEqual([]);

        expect(await store.deleteUser("se-u1")).toEqual({ sessions: 0, attempts: 0, stories: 2 });
        expect(await store.listStories("se-u1")).toEqual([]);
        expect((await store.exportUser("se-u1", at(4))).stories).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
