import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
/** The bin as users run it: the compiled program in dist/ (`npm ci` and `npm run build` build it). */
export const COMPILED_BIN = join(ROOT, "bin", "star-coach.js");
/** The same program from the TypeScript sources, through tsx (what `npm run dev` runs). */
export const SOURCE_BIN = join(ROOT, "test", "helpers", "source-bin.js");

/** Whether dist/ holds a build of the current sources: every src/ file compiled since it last changed. */
export function distIsFresh(root = ROOT): boolean {
  const src = join(root, "src");
  try {
    return readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .every((f) => {
        const built = join(root, "dist", f.replace(/\.ts$/, ".js"));
        return statSync(built).mtimeMs >= statSync(join(src, f)).mtimeMs;
      });
  } catch {
    return false;
  }
}

/**
 * What the process-spawning tests run, as `node BIN ...`: the compiled program when dist/ is a build of
 * the current sources (always so in CI, where `npm ci` builds it), else the sources through tsx, so
 * that a test run never needs a build first and never runs stale code. STAR_TEST_PROGRAM=compiled or
 * sources forces one. The start-up tests (test/cli/startup.test.ts) check the compiled bin itself.
 */
export const RUNS_COMPILED =
  process.env.STAR_TEST_PROGRAM === "compiled" ||
  (process.env.STAR_TEST_PROGRAM !== "sources" && distIsFresh());
export const BIN = RUNS_COMPILED ? COMPILED_BIN : SOURCE_BIN;

// The program loads .env from its working directory (the project, in these tests): never a developer's
// own .env in a test. Every spawned program inherits this (see src/cli/bin.ts).
process.env.STAR_COACH_ENV_FILE = "";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `star-coach` bin as a child process, the way a user does. */
export function runBin(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(DISCORD_|OPENAI_|DATABASE_URL|DATA_DIR|LOG_|VITEST)/.test(k)) env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: "1", ...options.env },
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
    child.stdin.end(options.input ?? "");
  });
}
