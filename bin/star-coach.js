#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the command works right after `npm ci` with no build step.
import { register } from "tsx/esm/api";

// `star-coach questions | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
