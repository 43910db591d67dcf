import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { bankStories, DISPATCH, KAIZEN_RETOLD, UNRELATED } from "../helpers/stories.js";

/** Output with its line wrapping undone, to find a sentence wherever the width broke it. */
const flat = (text: string) => text.replace(/\s+/g, " ");

async function withStories(dataDir: string, userId: string): Promise<void> {
  const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
  try {
    await store.ensureUser(userId, null, "2026-01-05T09:00:00.000Z");
    for (const s of bankStories(userId)) await store.addStory(s);
  } finally {
    await store.close();
  }
}

describe("the interview report and the story bank", () => {
  it("names the story each answer retold and warns when one story answers most of them", async () => {
    const dataDir = tempDataDir();
    await withStories(dataDir, "teller");
    const [k1, k2, k3] = KAIZEN_RETOLD;
    const answers = [k1, UNRELATED, k2, DISPATCH, k3];
    const run = await runInProcess(
      [
        "practice",
        "--user",
        "teller",
        "--level",
        "mid",
        "--focus",
        "safety",
        "--questions",
        "5",
        "--no-follow-ups",
      ],
      { env: { DATA_DIR: dataDir }, input: answers.map((a) => `${a}\n\n\n`).join("") },
    );
    expect(run.code).toBe(0);
    const report = run.stdout.slice(run.stdout.indexOf("Interview report"));
    expect(report).toContain("Interview report");
    // Each question's line, then its story's line when its answer retold one.
    const stories = report
      .split(/\n(?=\d+\. )/)
      .slice(1)
      .map((q) => q.match(/story: ([^\n]+)/)?.[1] ?? null);
    expect(stories).toEqual([
      "Pump line kaizen",
      null,
      "Pump line kaizen",
      "Dispatch cutoff at Memphis",
      "Pump line kaizen",
    ]);
    // The terminal shows the title without the markdown asterisks.
    expect(flat(report)).toContain("! You used Pump line kaizen for 3 of 5 answers; interviewers notice.");
    expect(report).not.toContain("*");
    expect(report).not.toContain("For this posting");
    expect(run.stdout.split("\n").filter((l) => l.length > 80)).toEqual([]);
  });

  it("leaves the story lines out for a user without stories", async () => {
    const run = await runInProcess(
      [
        "practice",
        "--user",
        "nostories",
        "--level",
        "mid",
        "--focus",
        "safety",
        "--questions",
        "1",
        "--no-follow-ups",
      ],
      { env: { DATA_DIR: tempDataDir() }, input: `${KAIZEN_RETOLD[0]}\n\n\n` },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Interview report");
    expect(run.stdout).not.toContain("story:");
    expect(run.stdout).not.toContain("You used");
  });
});
