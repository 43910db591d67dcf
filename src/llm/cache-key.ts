import { createHash } from "node:crypto";
import type { Level } from "../core/levels.js";

export interface CacheKeyParts {
  model: string;
  promptVersion: string;
  /** `${rubric.id}@${rubric.version}`: the reconciled grade depends on the rubric too. */
  rubric: string;
  /** The bank id, or the free text of the question. */
  question: string;
  level: Level;
  answer: string;
}

/** sha256 over every input that changes the grade; the answer is hashed, never stored in the key. */
export function cacheKey(parts: CacheKeyParts): string {
  const { model, promptVersion, rubric, question, level, answer } = parts;
  return createHash("sha256")
    .update(JSON.stringify([model, promptVersion, rubric, question, level, answer]))
    .digest("hex");
}
