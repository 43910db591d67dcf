import { StarCoachError } from "../core/errors.js";

/** A competency id the bank does not have, given when correcting a story's competencies. */
export class UnknownCompetencyError extends StarCoachError {
  override readonly name = "UnknownCompetencyError";
  constructor(
    readonly unknown: readonly string[],
    known: readonly string[],
  ) {
    const message = `Unknown competency ${unknown.join(", ")}: use ${known.join(", ")}.`;
    super(message, { userMessage: message });
  }
}
