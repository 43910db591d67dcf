import { defineConfig } from "vitest/config";

// The fault suite (`npm run test:faults`): the real bot and CLI as processes against PostgreSQL cut off,
// misbehaving LLM servers, a full disk, forged interactions and a failed daily post (test/faults/).
// Separate from `npm test` (vitest.config.ts excludes test/faults): each scenario starts processes and
// waits on real timeouts, so files run one at a time, with generous limits. The PostgreSQL scenario runs
// when TEST_DATABASE_URL is set (.ci/run always sets it). The summary table is printed at the end.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    globalSetup: ["test/faults/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
