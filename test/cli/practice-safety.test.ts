import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runPractice } from "../../src/cli/practice-command.js";
import type { GradeFn } from "../../src/sessions/grader.js";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { offlineGrade, tempDataDir } from "../helpers/sessions.js";
import { ACTION, RESULT, SITUATION, storedAttempts, TASK } from "./practice-fixtures.js";

const ONE_QUESTION = ["--level", "entry", "--focus", "inventory", "--questions", "1", "--no-follow-ups"];

/** The store with `addAttempt` replaced: a full disk, or PostgreSQL refusing a NUL byte. */
function withAddAttempt(store: Store, addAttempt: Store["addAttempt"]): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "addAttempt") return addAttempt;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function practiceWith(
  dataDir: string,
  input: string,
  openStore: () => Promise<Store>,
  grade?: GradeFn,
): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stdin = new PassThrough();
  let out = "";
  stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  stdin.end(input);
  const code = await runPractice(
    { stdout, stderr: new PassThrough(), stdin, env: { NO_COLOR: "1", DATA_DIR: dataDir } },
    { user: "saver", level: "entry", competencies: ["inventory"], questionCount: 1, followUps: false },
    grade ? { openStore, grade } : { openStore },
  );
  return { code, stdout: out };
}

const ANSWER = [SITUATION, TASK, ACTION, RESULT].join("\n");

describe("nothing typed is lost", () => {
  it("shows an answer that could not be saved again and writes it to a recovery file under DATA_DIR", async () => {
    const dataDir = tempDataDir();
    const diskFull = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const run = await practiceWith(dataDir, `${ANSWER}\n\n`, async () =>
      withAddAttempt(await openSqliteStore(join(dataDir, SQLITE_FILE)), async () => {
        throw diskFull;
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Your answer could not be saved (database or disk is full).");
    // Shown again (wrapped to the screen, so compared word by word).
    const words = (text: string) => text.split(/\s+/).join(" ");
    expect(words(run.stdout.split("could not be saved")[1] ?? "")).toContain(words(ANSWER));
    const path = run.stdout.match(/A copy is in\s+(\S+)\./)?.[1] ?? "";
    expect(path.startsWith(join(dataDir, "recovered-answers"))).toBe(true);
    expect(readFileSync(path, "utf8")).toContain(ANSWER);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it("falls back to the temp directory when DATA_DIR cannot hold the recovery file", async () => {
    const base = tempDataDir();
    const notADir = join(base, "a-file");
    writeFileSync(notADir, "");
    const run = await practiceWith(notADir, `${ANSWER}\n\n`, async () =>
      withAddAttempt(await openSqliteStore(join(base, SQLITE_FILE)), async () => {
        throw new Error("database or disk is full");
      }),
    );
    const path = run.stdout.match(/A copy is in\s+(\S+)\./)?.[1] ?? "";
    expect(path.startsWith(join(tmpdir(), "star-coach-recovered-answers"))).toBe(true);
    expect(readFileSync(path, "utf8")).toContain(ANSWER);
    rmSync(path);
  });

  it("removes NUL and other control bytes before storing (PostgreSQL refuses NUL)", async () => {
    const dataDir = tempDataDir();
    const run = await practiceWith(
      dataDir,
      `${SITUATION}\u0000 ${TASK}\x1b[2J\x07\n${ACTION}\n\n\n`,
      async () => {
        const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
        return withAddAttempt(store, async (attempt) => {
          if (attempt.answerText.includes("\u0000"))
            throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
          return store.addAttempt(attempt);
        });
      },
    );
    expect(run.code).toBe(0);
    const [attempt] = await storedAttempts(dataDir, "saver");
    expect(attempt?.answerText).toBe(`${SITUATION} ${TASK}\n${ACTION}`);
    expect(existsSync(join(dataDir, "recovered-answers"))).toBe(false);
  });
});

describe("safe output", () => {
  it("never prints escape sequences or control bytes from an answer, even in the full evidence or the answer restructured", async () => {
    const dataDir = tempDataDir();
    const hostile = [
      `${SITUATION} \x1b]52;c;SGVsbG8=\x07\x1b[2J\x1b[8m`,
      `${TASK}\x9b31m\x1bP1;2qhidden\x1b\\`,
      ACTION,
      `${RESULT}\r\x1b[1A`,
    ].join("\n");
    const run = await runInProcess(["practice", "--user", "hostile", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir },
      input: `${hostile}\n\nm\nf\n\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("At our Columbus distribution center");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
    expect(run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const recovered = join(dataDir, "recovered-answers");
    expect(existsSync(recovered) ? readdirSync(recovered) : []).toEqual([]);
  });
});

describe("safe output from an LLM grader", () => {
  it("strips escape sequences from every text a grader writes: notes, quotes, tips, the follow-up", async () => {
    const dataDir = tempDataDir();
    const evil = "\x1b]52;c;SGVsbG8=\x07\x1b[2J\x1b]0;pwned\x07";
    const hostileGrader: GradeFn = async (input, who) => {
      const grade = await offlineGrade(input, who);
      for (const c of Object.values(grade.criteria)) {
        c.note = `${c.note}${evil}`;
        c.evidence = c.evidence.map((e) => `${e}${evil}`);
      }
      return {
        ...grade,
        notices: [...grade.notices, `notice${evil}`],
        missing: grade.missing.map((m) => `${m}${evil}`),
        tips: grade.tips.map((t) => `${t}${evil}`),
        follow_up: `${grade.follow_up}${evil}`,
        improved_example: `example${evil}`,
      };
    };
    const run = await practiceWith(
      dataDir,
      `${ANSWER}\n\nm\n\n`,
      () => openSqliteStore(join(dataDir, SQLITE_FILE)),
      hostileGrader,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("notice");
    expect(run.stdout).toContain("At our Columbus distribution center");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
    expect(run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(run.stdout).not.toContain("]52;");
  });
});

describe("a crash gives the terminal back", () => {
  it("leaves raw mode and bracketed paste when the store fails in a way nobody expected", async () => {
    const dataDir = tempDataDir();
    const stdin = Object.assign(new PassThrough(), {
      isTTY: true,
      isRaw: false,
      setRawMode(mode: boolean) {
        stdin.isRaw = mode;
        return stdin;
      },
    });
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
    let out = "";
    stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const broken = async () => {
      const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
      return new Proxy(store, {
        get(target, prop) {
          if (prop === "createSession") return async () => Promise.reject(new TypeError("boom"));
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    };
    await expect(
      runPractice(
        { stdout, stderr: new PassThrough(), stdin, env: { NO_COLOR: "1", DATA_DIR: dataDir } },
        { user: "crash", level: "entry", competencies: ["inventory"], questionCount: 1 },
        { openStore: broken },
      ),
    ).rejects.toThrow("boom");
    expect(out).toContain("\x1b[?2004h");
    expect(out.endsWith("\x1b[?2004l")).toBe(true);
    expect(stdin.isRaw).toBe(false);
    expect(stdin.listenerCount("data")).toBe(0);
  });
});
