import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSessionReport } from "../../src/cli/session-report.js";
import type { SessionReport } from "../../src/core/interview/report.js";
import { SQLITE_FILE } from "../../src/store/open.js";
import { content } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { harness, tempDataDir } from "../helpers/sessions.js";

const MIDDLING =
  "At our DC cycle counts were off. I moved fast movers to weekly counts. Accuracy went from 91% to 96%.";

async function oneAnswer(dataDir: string, user: string): Promise<void> {
  const { service, store } = await harness({ path: join(dataDir, SQLITE_FILE) });
  const question = service.questionRef("inv-cycle-count-gap");
  await service.gradeSingle({ userId: user, question, level: "entry", text: MIDDLING });
  await store.close();
}

describe("counts in the singular", () => {
  it("history: 1 graded answer in 1 session, 1 answer in a competency", async () => {
    const dataDir = tempDataDir();
    await oneAnswer(dataDir, "solo");
    const run = await runInProcess(["history", "--user", "solo"], { env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Progress: 1 graded answer in 1 session\n");
    expect(run.stdout).toMatch(/Inventory control and MRP\/ERP +1 answer, average \d\.\d\/5/);
    expect(run.stdout).not.toMatch(/\b1 (answers|sessions)\b/);
  });

  it("mydata delete: 1 answer and 0 sessions", async () => {
    const dataDir = tempDataDir();
    await oneAnswer(dataDir, "solo");
    const run = await runInProcess(["mydata", "delete", "--yes", "--user", "solo"], {
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Deleted 1 answer and 0 sessions of solo, /);
  });
});

describe("the interview report", () => {
  const scores = { situation: 3, task: 3, action: 3, result: 2, data_evidence: 2, ownership: 3 };
  const report: SessionReport = {
    sessionId: "s",
    finishedAt: "2026-01-01T00:00:00.000Z",
    level: "entry",
    endedBy: "completed",
    overall: 4,
    criteria: scores,
    questions: [
      {
        questionId: "inv-cycle-count-gap",
        overall: 4,
        scores,
        skipped: false,
        attempts: 2,
        tries: [
          { attemptId: "a1", kind: "answer", overall: 4, best: true },
          { attemptId: "a2", kind: "retry", overall: 2, best: false },
        ],
        improvement: null,
      },
    ],
    strongest: "situation",
    weakest: "result",
    improvements: ["Say the result\x1b]52;c;SGVsbG8=\x07 in numbers\x1b[2J"],
    change: null,
    stories: null,
    postingFit: null,
  };

  it("lists a question's attempts under it, the counted one marked", () => {
    const out = formatSessionReport(report, content.bank, (_s, t) => t);
    expect(out).toMatch(/^1\. 4\/5 .*\n {3}answer 4\/5 \(counts\), revision 1 2\/5\n/m);
  });

  it("prints no escape sequence from a grader's text", () => {
    const out = formatSessionReport(report, content.bank, (_s, t) => t);
    expect(out).toContain("  - Say the result in numbers\n");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
