import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SQLITE_FILE } from "../../src/store/open.js";
import { postgresOpenError, sqliteOpenError } from "../../src/store/open-error.js";
import { type InProcessRun, runInProcess } from "../helpers/in-process-cli.js";

// Common set-up mistakes, as a new user makes them: each ends in one line on standard error saying what
// is wrong and what to do, and exit code 1 (2 for a configuration mistake), never a stack trace.

const dir = mkdtempSync(join(tmpdir(), "star-setup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The run printed exactly one line on standard error, with no stack frame in it, and nothing else. */
function oneLine(run: InProcessRun): string {
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return lines[0] ?? "";
}

/** A TCP port nothing listens on: one the system just gave out, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("set-up mistakes: one line, what to do, exit 1", () => {
  it("DATA_DIR names a file, not a folder", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    const run = await runInProcess(["history"], { env: { DATA_DIR: file } });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      `star-coach history: DATA_DIR="${file}" is not a folder (a file is in the way): set DATA_DIR to a folder`,
    );
  });

  it("DATA_DIR holds a folder where the database file should be", async () => {
    const data = join(dir, "folder-in-the-way");
    mkdirSync(join(data, SQLITE_FILE), { recursive: true });
    const run = await runInProcess(["mydata", "export", "--user", "u1"], { env: { DATA_DIR: data } });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      `star-coach mydata: cannot open the database "${join(data, SQLITE_FILE)}": check that DATA_DIR="${data}" is a folder you can write and that the file is not a folder`,
    );
  });

  it("DATA_DIR cannot be written", async () => {
    // Root writes through any mode bits, so as root the folder is one the kernel refuses to anyone: /sys.
    const asRoot = process.getuid?.() === 0;
    const locked = asRoot ? "/sys/star-coach-unwritable" : join(dir, "locked");
    if (!asRoot) {
      mkdirSync(locked);
      chmodSync(locked, 0o500);
    }
    try {
      const run = await runInProcess(["history"], { env: { DATA_DIR: join(locked, "data") } });
      expect(run.code).toBe(1);
      expect(oneLine(run)).toContain("(permission denied): set DATA_DIR to a folder you can write");
    } finally {
      if (!asRoot) chmodSync(locked, 0o700);
    }
  });

  it("the database file is damaged", async () => {
    const data = join(dir, "corrupt");
    mkdirSync(data);
    writeFileSync(join(data, SQLITE_FILE), "this is not a SQLite database\n".repeat(200));
    const run = await runInProcess(["history"], { env: { DATA_DIR: data } });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      `star-coach history: the database "${join(data, SQLITE_FILE)}" is damaged or is not a STAR Coach database (file is not a database): restore it from a backup, or move it aside to start with an empty one`,
    );
  });

  it("PostgreSQL is not running, and the password in DATABASE_URL is never shown", async () => {
    const port = await closedPort();
    const run = await runInProcess(["mydata", "export"], {
      env: { DATABASE_URL: `postgres://coach:hunter22@127.0.0.1:${port}/star` },
    });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      `star-coach mydata: cannot connect to PostgreSQL at 127.0.0.1:${port}/star (connection refused): start the server, or fix the host and port in DATABASE_URL`,
    );
    expect(run.stderr).not.toContain("hunter22");
  });

  it("DATABASE_URL does not parse: a configuration mistake, exit 2", async () => {
    const run = await runInProcess(["history"], {
      env: { DATABASE_URL: "postgres://coach:hunter22@localhost:port/star" },
    });
    expect(run.code).toBe(2);
    expect(oneLine(run)).toBe(
      "Configuration is invalid: DATABASE_URL: is not a valid URL: write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, with special characters in the password percent-encoded (@ as %40, : as %3A, / as %2F) (set in the environment or in .env)",
    );
    expect(run.stderr).not.toContain("hunter22");
  });

  it("an input file that is missing (grade, eval)", async () => {
    const missing = join(dir, "missing.txt");
    const grade = await runInProcess(["grade", "--question", "sch-changeover-time-reduction", missing]);
    expect(grade.code).toBe(1);
    expect(oneLine(grade)).toBe(
      `star-coach grade: ${missing}: no such file. Check the path, or give - to read standard input.`,
    );
    const evaluated = await runInProcess(["eval", missing]);
    expect(evaluated.code).toBe(1);
    expect(oneLine(evaluated)).toBe(
      `star-coach eval: ${missing}: no such file. Check the path, or give - to read standard input.`,
    );
  });

  it("LOG_LEVEL=debug adds the cause's stack, for whoever has to dig", async () => {
    const file = join(dir, "another-file");
    writeFileSync(file, "");
    const run = await runInProcess(["history"], { env: { DATA_DIR: file, LOG_LEVEL: "debug" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a folder[^\n]*\nError: E[A-Z]+[^\n]*\n\s+at /);
  });
});

describe("what the messages say for mistakes a test cannot stage here", () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

  it("an unwritable or read-only DATA_DIR, a full disk, a read-only database", () => {
    const say = (code: string) =>
      sqliteOpenError("/srv/star", "/srv/star/star-coach.db", fsError(code)).message;
    expect(say("EACCES")).toBe(
      'cannot write the data folder DATA_DIR="/srv/star" (permission denied): set DATA_DIR to a folder you can write, or fix its permissions',
    );
    expect(say("EROFS")).toBe(
      'cannot write the data folder DATA_DIR="/srv/star" (read-only file system): set DATA_DIR to a folder you can write, or fix its permissions',
    );
    expect(say("SQLITE_FULL")).toBe(
      'the disk holding DATA_DIR="/srv/star" is full: free some space, or set DATA_DIR to another disk',
    );
    expect(say("EFBIG")).toBe(
      'the disk holding DATA_DIR="/srv/star" is full: free some space, or set DATA_DIR to another disk',
    );
    expect(say("SQLITE_IOERR_SHMSIZE")).toMatch(
      /could not be written \(SQLITE_IOERR_SHMSIZE\): the disk .* may be full/,
    );
    expect(say("SQLITE_READONLY")).toBe(
      'the database "/srv/star/star-coach.db" is read-only: make it and DATA_DIR="/srv/star" writable',
    );
  });

  it("PostgreSQL refusing the login, an unknown host or database; never the password", () => {
    const url = "postgres://coach:hunter22@db.example:6543/star";
    const say = (err: Error) => postgresOpenError(url, err).message;
    expect(
      say(Object.assign(new Error('password authentication failed for user "coach"'), { code: "28P01" })),
    ).toBe(
      'PostgreSQL at db.example:6543/star refused the login of user "coach" (password authentication failed for user "coach"): check the user and password in DATABASE_URL',
    );
    expect(say(fsError("ENOTFOUND"))).toBe(
      "cannot connect to PostgreSQL at db.example:6543/star (host not found): fix the host in DATABASE_URL",
    );
    expect(say(Object.assign(new Error('database "star" does not exist'), { code: "3D000" }))).toBe(
      'PostgreSQL at db.example:6543/star: database "star" does not exist: create it (createdb), or fix the database name in DATABASE_URL',
    );
    for (const code of ["28P01", "ENOTFOUND", "3D000", "ECONNREFUSED", "XX000"])
      expect(say(fsError(code))).not.toContain("hunter22");
  });
});
