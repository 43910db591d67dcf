import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import type { InterviewState } from "../../src/core/interview/types.js";
import { analyzePosting } from "../../src/core/posting/analyze.js";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { ROOT } from "../helpers/run-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { PARAGRAPHS, SHORT_ANSWER } from "./practice-fixtures.js";

const FOOD = join(ROOT, "test", "fixtures", "postings", "operations-manager-food.txt");
const content = shippedContent();

async function sessionsOf(dataDir: string, userId: string): Promise<InterviewState[]> {
  const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
  try {
    return await store.listSessions(userId);
  } finally {
    await store.close();
  }
}

describe("star-coach practice --posting", () => {
  it("runs an interview at the posting's level on its top competencies, saying why each question", async () => {
    const dataDir = tempDataDir();
    const input = `${[PARAGRAPHS, "", "", SHORT_ANSWER, "", "", SHORT_ANSWER, "", ""].join("\n")}\n`;
    const run = await runInProcess(
      ["practice", "--posting", FOOD, "--questions", "3", "--no-follow-ups", "--user", "poster"],
      { input, env: { DATA_DIR: dataDir } },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain(
      "Job posting: mid level · asks most for quality, leadership, scheduling\nThe title",
    );
    expect(out).toContain("Question 3 of 3");
    expect(out).toContain("Why this question: The posting asks for quality, customer complaints and yield.");
    expect(out.match(/^Why this question: The posting asks for /gm)).toHaveLength(3);
    expect(out).toContain("Interview report");

    const [session] = await sessionsOf(dataDir, "poster");
    const top = analyzePosting(readFileSync(FOOD, "utf8"), content).competencies.map((c) => c.id);
    expect(session?.config.level).toBe("mid");
    expect(session?.config.posting?.competencies).toEqual(top.slice(0, 5));
    expect(session?.items.map((i) => content.bank.get(i.questionId)?.competency)).toEqual(top.slice(0, 3));
    for (const item of session?.items ?? []) {
      expect(content.bank.get(item.questionId)?.levels).toContain("mid");
      expect(item.reason).toMatch(/^The posting asks for .+\.$/);
    }
    // The analysis only: not a line of the posting is kept.
    expect(JSON.stringify(session)).not.toContain("Brightfield");
  });

  it("--level practises the posting's competencies at another level", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(
      ["practice", "--posting", FOOD, "--level", "senior", "--questions", "2", "--user", "up"],
      { env: { DATA_DIR: dataDir } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Job posting: mid level · asks most for");
    expect(run.stdout).toMatch(/reads as mid\.\sPractising at senior level, as --level asks\.\n/);
    const [session] = await sessionsOf(dataDir, "up");
    expect(session?.config.level).toBe("senior");
    for (const item of session?.items ?? [])
      expect(content.bank.get(item.questionId)?.levels).toContain("senior");
  });

  it("says in one line, exit 1, when the file is not a posting", async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "recipe.txt");
    writeFileSync(file, "Preheat the oven and slice the onions.");
    const run = await runInProcess(["practice", "--posting", file, "--user", "cook"], {
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "star-coach practice: This does not look like a job posting: it has 7 words, and a posting has at least 40. Paste the posting's title, responsibilities and requirements.\n",
    );
  });

  it("says in one line, exit 1, when the file is missing", async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "nope.txt");
    const run = await runInProcess(["practice", "--posting", file], { env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`star-coach practice: ${file}: no such file. Check the path.\n`);
  });

  it("refuses standard input and --focus with it", async () => {
    const stdin = await runInProcess(["practice", "--posting", "-"]);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/^--posting takes the posting's FILE: standard input is for your answers\n/);
    const both = await runInProcess(["practice", "--posting", FOOD, "--focus", "quality"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^give --focus or --posting, not both/);
  });
});
