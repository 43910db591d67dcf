import { afterEach, describe, expect, it } from "vitest";
import { inProcessEngine } from "../../src/core/grading/engine.js";
import { StoryService } from "../../src/sessions/story-service.js";
import { openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { LOCKOUT, PICK_PATH } from "../core/stories/stories.js";
import { content } from "../helpers/grade.js";
import { tempDbPath } from "../helpers/sessions.js";

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function service(): Promise<{ stories: StoryService; store: Store }> {
  store = await openSqliteStore(tempDbPath());
  return { stories: new StoryService({ store, content, engine: inProcessEngine(content) }), store };
}

describe("the story service", () => {
  it("grades and analyses a story when it is saved, from one block or four parts", async () => {
    const { stories } = await service();
    const pick = await stories.add("u1", { title: "Pick path", text: PICK_PATH });
    expect(pick.competencies).toContain("inventory");
    expect(pick.grade.overall).toBeGreaterThanOrEqual(3);
    expect(pick.grade.tips.length).toBeGreaterThan(0);
    const [situation = "", action = "", more = "", result = ""] = LOCKOUT.split("\n");
    const lockout = await stories.add("u1", {
      title: "Lockout on the press line",
      parts: { situation, task: "", action: `${action} ${more}`, result },
    });
    expect(lockout.parts?.task).toBe("");
    expect(lockout.competencies[0]).toBe("safety");
    expect((await stories.list("u1")).map((s) => s.title)).toEqual([
      "Pick path",
      "Lockout on the press line",
    ]);
  });

  it("refuses an empty story or title, and too much text, saying what to fix", async () => {
    const { stories } = await service();
    await expect(stories.add("u1", { title: "x", text: "  " })).rejects.toThrow(/story is empty/);
    await expect(stories.add("u1", { title: " ", text: PICK_PATH })).rejects.toThrow(/short title/);
    await expect(stories.add("u1", { title: "Long", text: "word ".repeat(4_000) })).rejects.toThrow(
      "The story is 19,999 characters; keep it under 6,000 (about 900 words).",
    );
    expect(await stories.list("u1")).toEqual([]);
  });

  it("keeps a corrected competency list through an edit of the text, and refuses unknown ids", async () => {
    const { stories } = await service();
    const saved = await stories.add("u1", { title: "Pick path", text: PICK_PATH });
    await expect(
      stories.edit("u1", saved.id, { competencies: ["inventory", "warehousing"] }),
    ).rejects.toThrow(/^Unknown competency warehousing: use /);
    const corrected = await stories.edit("u1", saved.id, { competencies: ["process-improvement"] });
    expect(corrected).toMatchObject({ competencies: ["process-improvement"], competenciesEdited: true });
    const retold = await stories.edit("u1", saved.id, { text: `${PICK_PATH}\nIt saved $80,000 a year.` });
    expect(retold?.competencies).toEqual(["process-improvement"]);
    expect(retold?.text).toContain("$80,000");
    expect(await stories.edit("u2", saved.id, { title: "Mine now" })).toBeNull();
  });

  it("grades a story again when the grader that graded it has changed", async () => {
    const { stories, store } = await service();
    const saved = await stories.add("u1", { title: "Pick path", text: PICK_PATH });
    await store.updateStory("u1", saved.id, { graderVersion: "offline@old", at: saved.updatedAt });
    const [read] = await stories.list("u1");
    expect(read?.graderVersion).toBe(saved.graderVersion);
    expect(read?.updatedAt).toBe(saved.updatedAt);
  });

  it("reports coverage at the user's level and ranks stories for a question", async () => {
    const { stories } = await service();
    await stories.add("u1", { title: "Pick path", text: PICK_PATH });
    await stories.add("u1", { title: "Lockout", text: LOCKOUT });
    const coverage = await stories.coverage("u1", "entry");
    expect(coverage.level).toBe("entry");
    expect(coverage.competencies.find((c) => c.id === "safety")?.covered).toBe(true);
    expect(coverage.gaps).toContain("cost");
    const ranked = await stories.match("u1", {
      text: "Tell me about a time you stopped work because something was unsafe.",
      competency: "safety",
    });
    expect(ranked[0]?.title).toBe("Lockout");
  });
});
