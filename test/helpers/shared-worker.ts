// Set-up for the test files that share a worker (the "shared" project in vitest.config.ts): they run one
// after another in one process, each importing the app's modules once. What a file (or the code it runs,
// such as `star-coach practice` configuring the process-wide logger) changes process-wide is put back
// after it, so that no file sees another's.
import { afterAll } from "vitest";
import { configureLogger } from "../../src/log.js";
import { clearUnhandledRejectionPolicy } from "../../src/process-errors.js";

const env = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  configureLogger({});
  clearUnhandledRejectionPolicy();
});
