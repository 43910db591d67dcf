import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULTS_FILE } from "../../src/cli/terminal/defaults.js";
import { RECOVERY_DIR } from "../../src/cli/terminal/recovery.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";

const ANSWER_1 = [
  "At our Columbus DC, cycle counts showed 91% location accuracy last spring and stores were getting short shipments.",
  "My goal was to reach 98% accuracy within six months.",
  "I ran a Pareto on adjustment records in SQL and moved the fast movers to weekly ABC counts.",
  "As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.",
].join("\n");
const ANSWER_2 = "We had late trucks. I called the carrier. It got better.";

describe("terminal practice (the CLI in-process, over piped stdin and stdout)", () => {
  it("runs a whole mock interview with defaults and prints the report", async () => {
    const dataDir = tempDataDir();
    const input = `${["", "inventory", "2", ANSWER_1, "", "", ANSWER_2, "", ""].join("\n")}\n`;
    const run = await runInProcess(["practice", "--no-follow-ups", "--user", "tester"], {
      input,
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Question 1 of 2");
    expect(run.stdout).toContain("Question 2 of 2");
    expect(run.stdout).toMatch(/Overall \d\/5/);
    expect(run.stdout).toContain("Interview report");
    expect(run.stdout).toMatch(/Average overall: [\d.]+\/5/);
    expect(run.stdout).not.toContain(`${String.fromCharCode(27)}[`);
    const history = await runInProcess(["history", "--user", "tester"], { env: { DATA_DIR: dataDir } });
    expect(history.stdout).toMatch(/Progress: 2 graded answers in 1 session\b/);
    expect(history.stdout).toContain("Next focus:");
  });

  it("saves when the input ends mid-interview and resumes on the next start", async () => {
    const dataDir = tempDataDir();
    const first = await runInProcess(
      ["practice", "--user", "resumer", "--level", "mid", "--focus", "inventory", "--questions", "2"],
      { input: `${ANSWER_2}\n`, env: { DATA_DIR: dataDir } },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Saved. Run `npm start` or `star-coach practice` again to resume.");
    const second = await runInProcess(["start", "--user", "resumer"], {
      input: "\n",
      env: { DATA_DIR: dataDir },
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/You have an unfinished interview \(question 1 of 2\)/);
    expect(second.stdout).toContain("Your answer so far:");
    expect(second.stdout).toContain(ANSWER_2);
    expect(second.stdout).toMatch(/Follow-up:|Next question/);
  });

  it("asks a follow-up aimed at the weakest part and grades it with the first answer", async () => {
    const dataDir = tempDataDir();
    const input = [
      ANSWER_2,
      "",
      "Late trucks fell from 12 a week to 2 within a month after I added a 4 pm cutoff call.",
      "",
      "q",
    ].join("\n");
    const run = await runInProcess(
      ["practice", "--user", "probe", "--level", "entry", "--focus", "supply-chain", "--questions", "1"],
      { input, env: { DATA_DIR: dataDir } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Follow-up:");
    const overalls = [...run.stdout.matchAll(/Overall (\d)\/5/g)].map((m) => Number(m[1]));
    expect(overalls).toHaveLength(2);
    expect(overalls[1]).toBeGreaterThanOrEqual(overalls[0] ?? 5);
    expect(run.stdout).toContain("Interview report");
  });
});

describe("star-coach mydata", () => {
  it("exports a user's answers as JSON and deletes them after a confirmation", async () => {
    const dataDir = tempDataDir();
    await runInProcess(
      [
        "practice",
        "--no-follow-ups",
        "--user",
        "owner",
        "--level",
        "entry",
        "--focus",
        "cost",
        "--questions",
        "1",
      ],
      { input: `${ANSWER_2}\n\nq\n`, env: { DATA_DIR: dataDir } },
    );
    const exported = await runInProcess(["mydata", "export", "--user", "owner"], {
      env: { DATA_DIR: dataDir },
    });
    const data = JSON.parse(exported.stdout) as {
      attempts: Array<{ answerText: string }>;
      sessions: unknown[];
    };
    expect(data.attempts.map((a) => a.answerText)).toEqual([ANSWER_2]);
    expect(data.sessions).toHaveLength(1);
    expect(data).toMatchObject({ practiceDefaults: { level: "entry", focus: "cost" } });
    // A copy of an answer that could not be saved, as practice keeps one.
    mkdirSync(join(dataDir, RECOVERY_DIR), { recursive: true });
    writeFileSync(join(dataDir, RECOVERY_DIR, "answer-kept.txt"), ANSWER_2);
    const refused = await runInProcess(["mydata", "delete", "--user", "owner"], {
      env: { DATA_DIR: dataDir },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("add --yes to confirm");
    const deleted = await runInProcess(["mydata", "delete", "--yes", "--user", "owner"], {
      env: { DATA_DIR: dataDir },
    });
    expect(deleted.stdout).toBe(
      `Deleted 1 answer and 1 session of owner, with your practice defaults and any answers kept in ${RECOVERY_DIR}/.\n`,
    );
    const after = await runInProcess(["mydata", "export", "--user", "owner"], { env: { DATA_DIR: dataDir } });
    expect(JSON.parse(after.stdout)).toMatchObject({
      user: null,
      sessions: [],
      attempts: [],
      practiceDefaults: {},
    });
    expect(existsSync(join(dataDir, RECOVERY_DIR))).toBe(false);
    expect(readFileSync(join(dataDir, DEFAULTS_FILE), "utf8")).not.toContain("owner");
  });
});
