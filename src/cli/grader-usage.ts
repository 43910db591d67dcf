// What a command says and checks about --grader before it loads anything heavy (the grader, the content).
import { GRADER_MODES, type GraderMode } from "../llm/grader-modes.js";
import { UsageError } from "./io.js";

export const GRADER_USAGE = `--grader ${GRADER_MODES.join("|")}`;
export const GRADER_HELP =
  "--grader: offline (no network), llm (needs OPENAI_API_KEY) or auto (llm when a key is set; the default).";

/** The mode a `--grader` value names (auto when none); a UsageError for any other value. */
export function graderMode(value: string | undefined): GraderMode {
  const mode = (value ?? "auto") as GraderMode;
  if (!GRADER_MODES.includes(mode))
    throw new UsageError(`--grader must be one of ${GRADER_MODES.join(", ")}`);
  return mode;
}
