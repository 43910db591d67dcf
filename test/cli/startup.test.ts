import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { BIN, COMPILED_BIN, ROOT, RUNS_COMPILED } from "../helpers/run-cli.js";

// Start-up as a user meets it. The few tests here that start a process run the compiled program when
// dist/ is a build of the current sources (always in CI), else the sources through tsx (run-cli.ts).

const dir = mkdtempSync(join(tmpdir(), "star-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RECORDER = join(ROOT, "test", "fixtures", "record-loads.mjs");

/** Libraries a command loads only when it needs them. */
const HEAVY = [
  "discord.js",
  "openai",
  "pg",
  "better-sqlite3",
  "@resvg/resvg-js",
  "pino",
  "pino-pretty",
  "kysely",
] as const;

interface Started {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; nodeArgs?: string[] } = {},
): Promise<Started> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  for (const k of Object.keys(env))
    if (/^(DISCORD_|OPENAI_|DATABASE_URL|DATA_DIR|LOG_|VITEST)/.test(k)) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the program with every module it loads recorded; returns which of `packages` it loaded. */
async function loadedOf(
  args: string[],
  name: string,
  packages: readonly string[],
): Promise<{ run: Started; loaded: string[] }> {
  const record = join(dir, `${name}.loads`);
  const run = await start([BIN, ...args], {
    env: { RECORD_LOADS: record },
    nodeArgs: ["--import", RECORDER],
  });
  const files = readFileSync(record, "utf8");
  const loaded = packages.filter((pkg) => files.includes(`/node_modules/${pkg}/`));
  return { run, loaded };
}

describe("start-up", () => {
  it("`--help` loads no command and no library, and says nothing on standard error", async () => {
    // Not even the configuration's and the content's parsers (zod, yaml).
    const { run, loaded } = await loadedOf(["--help"], "help", [...HEAVY, "zod", "yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: star-coach <command> [options]");
    for (const entry of COMMANDS) expect(run.stdout).toContain(`  ${entry.name} `);
    expect(run.stderr).toBe("");
    expect(loaded).toEqual([]);
  });

  it("grading one answer offline loads neither the LLM client, the stores, Discord nor the logger", async () => {
    const answer = join(dir, "answer.txt");
    writeFileSync(answer, "I cut changeover time from 45 to 20 minutes with SMED on our two lines.");
    const args = ["grade", "--grader", "offline", "--question", "sch-changeover-time-reduction", answer];
    const { run, loaded } = await loadedOf(args, "grade", HEAVY);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Overall \d\/5/);
    expect(loaded).toEqual([]);
  });

  it("`grade` checks its arguments before it loads the grader, the content or zod", async () => {
    const { run, loaded } = await loadedOf(["grade", "answer.txt"], "grade-usage", [...HEAVY, "zod", "yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("give --question ID or --question-text TEXT\n\nUsage: star-coach grade");
    expect(loaded).toEqual([]);
  });

  it("without dist/ the bin says, in one line, to build it", async () => {
    mkdirSync(join(dir, "unbuilt", "bin"), { recursive: true });
    const bin = join(dir, "unbuilt", "bin", "star-coach.js");
    copyFileSync(COMPILED_BIN, bin);
    const run = await start([bin, "--help"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("star-coach: the compiled program (dist/) is missing: run npm run build\n");
  });

  it(".env in the working directory is read when there is one, never over the environment; content is found from anywhere", async () => {
    const project = join(dir, "with-env");
    mkdirSync(project);
    writeFileSync(join(project, ".env"), "LOG_LEVEL=loud\n");
    // run-cli.ts turns .env reading off for tests (STAR_COACH_ENV_FILE=""): back on here.
    const on = { STAR_COACH_ENV_FILE: undefined };
    const fromFile = await start([BIN, "register"], { cwd: project, env: on });
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toBe(
      "Configuration is invalid: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (set in the environment or in .env)\n",
    );
    const overridden = await start([BIN, "register"], { cwd: project, env: { ...on, LOG_LEVEL: "warn" } });
    expect(overridden.stderr).toContain("set DISCORD_TOKEN and DISCORD_APP_ID first");
    // No .env at all: not a word about it. The content (questions/) is found from the program's own folder.
    const none = await start([BIN, "questions", "--level", "mid"], { cwd: dir, env: on });
    expect(none.stderr).toBe("");
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("inventory");
  });

  it.skipIf(!RUNS_COMPILED)(
    "`npm start` prints no '.env not found' line (runs when dist/ is built)",
    async () => {
      const npm = process.env.npm_execpath;
      const run = npm?.endsWith(".js")
        ? await start([npm, "start", "--silent", "--", "--help"])
        : await new Promise<Started>((resolve, reject) => {
            const child = spawn("npm", ["start", "--silent", "--", "--help"], { cwd: ROOT });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d: Buffer) => {
              stdout += d.toString();
            });
            child.stderr.on("data", (d: Buffer) => {
              stderr += d.toString();
            });
            child.on("error", reject);
            child.on("close", (code) => resolve({ code, stdout, stderr }));
          });
      expect(run.stdout).toContain("Usage: star-coach start");
      expect(run.stderr).not.toMatch(/\.env/);
      expect(run.code).toBe(0);
    },
  );
});

describe("the command registry", () => {
  it("loads each command's module only to run it; each entry's name and summary are its module's", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    }
  });

  it("`<command> --help` shows that command's usage", async () => {
    const run = await runInProcess(["grade", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: star-coach grade");
  });
});
