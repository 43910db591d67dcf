import { existsSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";

// The labelled real answers live outside the project (other people's writing): see test/calibration/dev-set.test.ts.
const devSet = [process.env.STAR_DEV_EVAL, "../shared/eval/dev.jsonl"].some((f) => f && existsSync(f));

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The PostgreSQL contract, the sharding test and the two-process daily test (they share PostgreSQL) run when a server is given
    // (CI always gives one); see README.
    exclude: [
      ...configDefaults.exclude,
      // The fault suite runs on its own: npm run test:faults (vitest.faults.config.ts).
      "test/faults/**",
      ...(process.env.TEST_DATABASE_URL
        ? []
        : [
            "test/store/postgres.test.ts",
            "test/store/postgres-restart.test.ts",
            "test/discord/shards.e2e.test.ts",
            "test/discord/daily-two-processes.e2e.test.ts",
          ]),
      ...(devSet ? [] : ["test/calibration/dev-set.test.ts"]),
    ],
    testTimeout: 20_000,
    coverage: { provider: "v8", include: ["src/**/*.ts"], reporter: ["text-summary", "html"] },
  },
});
