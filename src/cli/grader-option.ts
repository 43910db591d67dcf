import { parseConfig, secretsOf } from "../config.js";
import type { Content } from "../core/content/load.js";
import { NoApiKeyError } from "../llm/no-api-key-error.js";
import { createGrader, type Grader, gradesOffline, offlineGrader } from "../llm/select.js";
import { createLogger } from "../log.js";
import { graderMode } from "./grader-usage.js";
import { type CliIO, UsageError } from "./io.js";

export { GRADER_HELP, GRADER_USAGE } from "./grader-usage.js";

/** Batches grade this many answers at a time when the LLM grades them. */
export const LLM_CONCURRENCY = 4;

/** The grader a `--grader` value asks for; logs go to standard error, never into the output. */
export function graderFromOption(value: string | undefined, content: Content, io: CliIO): Grader {
  const mode = graderMode(value);
  const config = parseConfig(io.env);
  // The offline grader logs nothing: no logger (and no pino) for it.
  if (gradesOffline(mode, config)) return offlineGrader(content);
  const logger = createLogger({
    level: config.LOG_LEVEL ?? "warn",
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
    destination: io.stderr,
  });
  try {
    return createGrader(mode, { config, content, logger });
  } catch (err) {
    if (err instanceof NoApiKeyError) throw new UsageError(err.message);
    throw err;
  }
}
