import { StarCoachError } from "./core/errors.js";
/**
 * The environment could not be parsed; `problems` holds one line per bad variable. Its own module, free
 * of zod, so that the CLI can recognise it without loading the configuration schema (see cli/main.ts).
 */
export class ConfigError extends StarCoachError {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
