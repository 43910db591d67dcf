import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// The labelled real answers live outside the project (other people's writing): see test/calibration/dev-set.test.ts.
const devSet = [process.env.STAR_DEV_EVAL, "../shared/eval/dev.jsonl"].some((f) => f && existsSync(f));

const exclude = [
  ...configDefaults.exclude,
  // The fault suite runs on its own: npm run test:faults (vitest.faults.config.ts).
  "test/faults/**",
  // The PostgreSQL contract, the sharding test and the two-process daily test (they share PostgreSQL) run
  // when a server is given (CI always gives one); see README.
  ...(process.env.TEST_DATABASE_URL
    ? []
    : [
        "test/store/postgres.test.ts",
        "test/store/postgres-restart.test.ts",
        "test/discord/shards.e2e.test.ts",
        "test/discord/daily-two-processes.e2e.test.ts",
      ]),
  ...(devSet ? [] : ["test/calibration/dev-set.test.ts"]),
];

/**
 * Most test files share a worker: they run one after another in one process and import the app's modules
 * (discord.js, the grader, the stores…) once, where a fresh worker for each file spent more time importing
 * them than testing. They start no process, close the servers they start, and change nothing process-wide
 * that test/helpers/shared-worker.ts does not put back after each file.
 */
const SHARED_DIRS = [
  "calibration",
  "charts",
  "cli",
  "content",
  "core",
  "discord",
  "interview",
  "llm",
  "progress",
  "sessions",
  "store",
];
const SHARED_FILES = ["config", "errors", "eval-floors", "fake-discord", "log"].map(
  (f) => `test/${f}.test.ts`,
);

/**
 * Each of these gets a fresh worker: they start processes (the bin, the bot, shards, a process killed
 * mid-grade), or change the process's own handlers. So does any file outside the folders above.
 */
const ISOLATED = [
  "test/cli/in-order.test.ts",
  "test/cli/practice-pty.test.ts",
  "test/cli/startup.test.ts",
  "test/discord/daily-two-processes.e2e.test.ts",
  "test/discord/shards.e2e.test.ts",
  "test/sessions/recovery-startup.test.ts",
  "test/sessions/service.test.ts",
];

const testFiles = readdirSync(fileURLToPath(new URL("test", import.meta.url)), {
  recursive: true,
  encoding: "utf8",
})
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => `test/${f.replaceAll("\\", "/")}`);
const shared = testFiles.filter(
  (f) =>
    !ISOLATED.includes(f) &&
    (SHARED_FILES.includes(f) || SHARED_DIRS.some((d) => f.startsWith(`test/${d}/`))),
);

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the CPUs: one worker on a 2-CPU machine. Two there: much
    // of a file's time is spent waiting (for a process it started, the fake servers, a timer), not
    // computing. More CPUs, the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each transformed module is kept on disk (node_modules/.experimental-vitest-cache, by its content),
    // so a second run does not transform the sources again.
    experimental: { fsModuleCache: true },
    // Drops the PostgreSQL schemas the files made once the run is over (test/helpers/postgres-schemas.ts).
    globalSetup: ["test/helpers/global-setup.ts"],
    coverage: { provider: "v8", include: ["src/**/*.ts"], reporter: ["text-summary", "html"] },
    // Vitest queues the projects by name, and a project's files longest first (by the last run's times):
    // "isolated" (the slowest files, each starting processes) first, then "shared", whose short files
    // fill the end of the run. A shared worker goes on to the next file only while shared files are next
    // in the queue, so the two must not be interleaved (no sequence.groupOrder, no shuffle).
    projects: [
      {
        extends: true,
        test: {
          name: "isolated",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, ...shared],
        },
      },
      {
        extends: true,
        test: {
          name: "shared",
          include: shared,
          exclude,
          isolate: false,
          setupFiles: ["test/helpers/shared-worker.ts"],
        },
      },
    ],
  },
});
