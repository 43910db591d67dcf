import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { runBin } from "../helpers/run-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { type LimitedRun, recordResult, runLimitedCli, STACK_LINE } from "./helpers.js";

// Scenario 3 (issue 12, item 8, terminal side). The disk fills up under the CLI: every file it writes is
// limited with `ulimit -f` (Node ignores SIGXFSZ, so a write past the limit fails with EFBIG, as on a full
// disk; no root, so no small tmpfs). `practice` is run at a sweep of limits, so the disk is "full" at each
// step in turn: opening the database, starting the interview, storing the answer, storing its grade,
// finishing the report. Whatever step fails: no stack trace, exit 0 or 1 with a message, and the typed
// answer is kept, in the store or in a recovery file under DATA_DIR/recovered-answers.
// Guards: saveAnswer's recovery copy (src/cli/terminal/save-answer.ts, recovery.ts): without it the store's
// error reaches main and the answer is gone; and the CLI's one-line errors (src/cli/main.ts,
// src/store/open-error.ts): without them a failed open prints a stack trace.

const USER = "faults-disk";
const ARGS = [
  "practice",
  "--user",
  USER,
  "--level",
  "entry",
  "--focus",
  "inventory",
  "--questions",
  "1",
  "--no-follow-ups",
];
const SENTENCE =
  "At our Columbus distribution center, cycle counts showed 91% location accuracy last spring, so I ran a Pareto on adjustment records in SQL, moved fast movers to weekly ABC counts and raised accuracy from 91% to 98.5% while short shipments fell by 70%.";
/** One paragraph (a blank line ends a typed answer), about 6,000 characters: several database pages. */
const ANSWER = Array.from({ length: 24 }, (_, i) => `${SENTENCE} (${i + 1})`).join(" ");
/** Enter after the answer ends it; q then stops at whatever is asked next (retry, regrade, report). */
const INPUT = `${ANSWER}\n\nq\n`;
/** No LLM; the shortest LLM deadline makes a claim on grading lapse soonest (OPENAI_TIMEOUT_MS + 30 s). */
const ENV = (dataDir: string) => ({ DATA_DIR: dataDir, OPENAI_TIMEOUT_MS: "1000" });

type Outcome = "refused at open" | "recovery file" | "stored, graded later" | "stored and graded";

interface Step {
  kb: number;
  dataDir: string;
  run: LimitedRun;
  outcome: Outcome;
  lost: boolean;
  /** Said "could not be saved" although the answer is in the store. */
  misreported: boolean;
}

const cleanup: string[] = [];
afterAll(() => {
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
});

/** Every answer stored for the user, after SQLite has replayed whatever the run left in its WAL. */
async function stored(dataDir: string) {
  const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
  try {
    return await store.listAttempts(USER);
  } finally {
    await store.close();
  }
}

/** The recovery file the CLI named ("A copy is in PATH."), wrapped over lines or not. */
function recoveryPath(stdout: string): string | null {
  const m = /A copy is in\s+(\S+)\./.exec(stdout);
  return m?.[1] ?? null;
}

describe("fault: a full disk under the terminal CLI", () => {
  it("practice keeps every typed answer and never prints a stack trace, wherever the disk fills", async () => {
    // A migrated database, as after the first run: the sweep starts from the same file each time.
    const template = tempDataDir();
    cleanup.push(template);
    await (await openSqliteStore(join(template, SQLITE_FILE))).close();
    const dbSize = statSync(join(template, SQLITE_FILE)).size;

    const steps: Step[] = [];
    // 16 KiB: SQLite cannot even size its shared-memory file. From 36 KiB up, 8 KiB (two WAL pages) a
    // step, until a run gets through to the report.
    const limits = [16, ...Array.from({ length: 40 }, (_, i) => 36 + 8 * i)];
    for (const kb of limits) {
      const dataDir = tempDataDir();
      cleanup.push(dataDir);
      copyFileSync(join(template, SQLITE_FILE), join(dataDir, SQLITE_FILE));
      const run = await runLimitedCli(ARGS, { env: ENV(dataDir), input: INPUT, fileSizeKb: kb });
      const what = `at ${kb} KiB (exit ${run.code}): ${run.stderr}\n${run.stdout.slice(-1500)}`;
      expect(run.signal, what).toBeNull();
      expect([0, 1], what).toContain(run.code);
      expect(run.stdout, what).not.toMatch(STACK_LINE);
      expect(run.stderr, what).not.toMatch(STACK_LINE);
      const attempts = await stored(dataDir);
      const inStore = attempts.find((a) => a.answerText === ANSWER);
      expect(attempts.length, what).toBeLessThanOrEqual(1);

      if (!run.stdout.includes("Question 1 of 1")) {
        // Nothing was asked, so nothing was typed: one clear line, exit 1.
        expect(run.code, what).toBe(1);
        expect(run.stderr.trim().split("\n"), what).toHaveLength(1);
        expect(run.stderr, what).toMatch(/^star-coach practice: .*(database|DATA_DIR|disk)/);
        steps.push({ kb, dataDir, run, outcome: "refused at open", lost: false, misreported: false });
        continue;
      }
      let outcome: Outcome;
      let lost = false;
      let misreported = false;
      if (run.stdout.includes("Your answer could not be saved")) {
        const path = recoveryPath(run.stdout);
        expect(path, what).not.toBeNull();
        const kept = path && existsSync(path) ? readFileSync(path, "utf8") : "";
        if (path && !path.startsWith(dataDir)) cleanup.push(path);
        expect(kept, what).toContain(ANSWER);
        lost = !kept.includes(ANSWER) && !inStore;
        misreported = inStore !== undefined;
        outcome = "recovery file";
      } else {
        // The CLI did not say it lost the answer: it must be in the store.
        expect(inStore, what).toBeDefined();
        lost = !inStore;
        outcome = inStore?.grade ? "stored and graded" : "stored, graded later";
        if (run.stdout.includes("Your answer is saved, but grading it failed"))
          expect(inStore?.grade ?? null, what).toBeNull();
      }
      // An exit 1 says why, in one line.
      if (run.code === 1 && run.stderr.trim() !== "")
        expect(run.stderr.trim().split("\n"), what).toHaveLength(1);
      steps.push({ kb, dataDir, run, outcome, lost, misreported });
      if (run.code === 0 && outcome === "stored and graded") break;
    }

    // An answer stored but not graded is graded at a later start: once the claim on grading it has lapsed
    // (the failed run could not give it back on the full disk; OPENAI_TIMEOUT_MS + 30 s, so 31 s here).
    let gradedLaterMs: number | null = null;
    const later = steps.find((s) => s.outcome === "stored, graded later");
    if (later) {
      const db = new BetterSqlite3(join(later.dataDir, SQLITE_FILE), { readonly: true });
      const claim = db.prepare("select claimed_until from attempts where user_id = ?").get(USER) as
        | { claimed_until: string | null }
        | undefined;
      db.close();
      const lapse = claim?.claimed_until ? Date.parse(claim.claimed_until) - Date.now() : 0;
      if (lapse > 0) await new Promise((resolve) => setTimeout(resolve, lapse + 50));
      const started = Date.now();
      const again = await runBin(ARGS, { env: ENV(later.dataDir), input: "" });
      gradedLaterMs = Date.now() - started;
      expect(again.stderr).not.toMatch(STACK_LINE);
      const after = (await stored(later.dataDir)).find((a) => a.answerText === ANSWER);
      expect(after?.grade, `the answer stored at ${later.kb} KiB, after a start`).toMatchObject({
        overall: expect.any(Number),
      });
    }

    const outcomes = new Map<Outcome, number[]>();
    for (const s of steps) outcomes.set(s.outcome, [...(outcomes.get(s.outcome) ?? []), s.kb]);
    const lost = steps.filter((s) => s.lost).length;
    const misreported = steps.filter((s) => s.misreported).map((s) => s.kb);
    console.info(
      `disk full sweep (database ${dbSize} bytes): ${steps
        .map(
          (s) =>
            `${s.kb} KiB: ${s.outcome} (exit ${s.run.code}, ${s.run.ms} ms)${s.misreported ? " [said not saved, but stored]" : ""}`,
        )
        .join("; ")}`,
    );
    expect(lost).toBe(0);
    // A stored answer is never called unsaved (a second try would store it twice): AnswerKeptError.
    expect(misreported).toEqual([]);
    // The sweep went through every kind of step: refused at open, the recovery file, and a full run.
    expect(outcomes.get("refused at open")?.length ?? 0).toBeGreaterThan(0);
    expect(outcomes.get("recovery file")?.length ?? 0).toBeGreaterThan(0);
    expect(outcomes.get("stored and graded")?.length ?? 0).toBeGreaterThan(0);
    const range = (o: Outcome) => {
      const kbs = outcomes.get(o) ?? [];
      return kbs.length === 0 ? "none" : `${kbs.length} (${Math.min(...kbs)}–${Math.max(...kbs)} KiB)`;
    };
    recordResult({
      order: 3,
      scenario: "3. Full disk under `practice` (ulimit -f sweep)",
      recoverMs: gradedLaterMs,
      answersLost: lost,
      note: `${steps.length} runs: refused at open ${range("refused at open")}, recovery file ${range("recovery file")}, stored+graded later ${range("stored, graded later")}, stored+graded ${range("stored and graded")}; said "not saved" though stored: ${misreported.length ? `${misreported.join(", ")} KiB` : "never"}`,
    });
  });

  // The disk fills during the very first start, in the middle of the first migration. Migrations run in
  // a transaction on SQLite too (src/store/sqlite-dialect.ts): without it, half the tables stayed behind
  // unrecorded and every later start failed with 'table "users" already exists', even with room again.
  it("a disk that fills during the first migration leaves a database that opens once there is room", async () => {
    const dataDir = tempDataDir();
    cleanup.push(dataDir);
    const full = await runLimitedCli(ARGS, { env: ENV(dataDir), input: "", fileSizeKb: 100 });
    expect(full.code).toBe(1);
    expect(full.stderr).not.toMatch(STACK_LINE);
    const again = await runBin(ARGS, { env: ENV(dataDir), input: "" });
    recordResult({
      order: 3.2,
      scenario: "3a. Full disk during the first migration, then room",
      recoverMs: null,
      answersLost: 0,
      note:
        again.code === 0
          ? "the next start opens the database"
          : `the next start fails for good: ${again.stderr.trim().slice(0, 140)}`,
    });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
  });

  // `grade --jsonl > FILE` on a full disk: one line and exit 1 (src/cli/bin.ts), not Node's stack trace.
  it("grade --jsonl into a file on a full disk stops with a message, not a stack trace", async () => {
    const dir = tempDataDir();
    cleanup.push(dir);
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ id: `a${i}`, question: "inv-cycle-count-gap", answer: SENTENCE }),
    ).join("\n");
    const out = join(dir, "grades.jsonl");
    const run = await runLimitedCli(["grade", "--jsonl", "--grader", "offline"], {
      env: { DATA_DIR: dir },
      input: `${lines}\n`,
      fileSizeKb: 8,
      stdoutFile: out,
    });
    recordResult({
      order: 3.5,
      scenario: "3b. Full disk under `grade --jsonl > FILE`",
      recoverMs: null,
      answersLost: 0,
      note: `exit ${run.code}; ${STACK_LINE.test(run.stderr) ? "STACK TRACE on stderr" : "one-line message"}; ${statSync(out).size} bytes written`,
    });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
