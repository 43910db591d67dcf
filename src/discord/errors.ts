import { randomBytes } from "node:crypto";
import { UserFacingError } from "../core/errors.js";

/** A problem the user can fix or should know about: shown to them as it is, privately. */
export class UserError extends UserFacingError {
  override readonly name = "UserError";
}

/** A short reference that the user sees and that the log carries, to match a report with its cause. */
export function errorRef(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}
