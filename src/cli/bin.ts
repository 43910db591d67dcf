/**
 * The `star-coach` process: what bin/star-coach.js runs (compiled, from dist/) and `npm run dev` runs
 * (the sources, through tsx). Loads .env when there is one, quietly, then runs one command.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { main } from "./main.js";

// `star-coach questions | head` closes the pipe early: that is not an error. Output that cannot be written
// (a full disk under `grade --jsonl > FILE`) is one line on standard error and exit 1, never a stack trace.
for (const [name, stream] of [
  ["output", process.stdout],
  ["error output", process.stderr],
] as const) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    if (stream !== process.stderr)
      process.stderr.write(
        `star-coach: cannot write the ${name} (${err.code ?? err.message}): is the disk full?\n`,
      );
    process.exit(1);
  });
}

/**
 * `.env` in the working directory (STAR_COACH_ENV_FILE names another; empty loads none), only if it
 * exists, and never over a variable the environment already sets. Node's own `--env-file-if-exists`
 * prints ".env not found" at every start without one.
 */
const envFile = process.env.STAR_COACH_ENV_FILE ?? ".env";
if (envFile !== "" && existsSync(resolve(envFile))) {
  try {
    process.loadEnvFile(resolve(envFile));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    process.stderr.write(`star-coach: cannot read ${envFile} (${code}): make it readable, or remove it\n`);
    process.exit(1);
  }
}

process.exitCode = await main(process.argv.slice(2));
