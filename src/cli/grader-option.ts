import { parseConfig, secretsOf } from "../config.js";
import type { Content } from "../core/content/load.js";
import { NoApiKeyError } from "../llm/no-api-key-error.js";
import {
  createGrader,
  GRADER_MODES,
  type Grader,
  type GraderMode,
  gradesOffline,
  offlineGrader,
} from "../llm/select.js";
import { createLogger } from "../log.js";
import { type CliIO, UsageError } from "./io.js";

export const GRADER_USAGE = `--grader ${GRADER_MODES.join("|")}`;
export const GRADER_HELP =
  "--grader: offline (no network), llm (needs OPENAI_API_KEY) or auto (llm when a key is set; the default).";

/** Batches grade this many answers at a time when the LLM grades them. */
export const LLM_CONCURRENCY = 4;

/** The grader a `--grader` value asks for; logs go to standard error, never into the output. */
export function graderFromOption(value: string | undefined, content: Content, io: CliIO): Grader {
  const mode = (value ?? "auto") as GraderMode;
  if (!GRADER_MODES.includes(mode))
    throw new UsageError(`--grader must be one of ${GRADER_MODES.join(", ")}`);
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
