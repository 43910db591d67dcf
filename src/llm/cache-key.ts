import { createHash } from "node:crypto";
import type { Content } from "../core/content/load.js";
import type { Level } from "../core/levels.js";

export interface CacheKeyParts {
  model: string;
  promptVersion: string;
  /** `${rubric.id}@${rubric.version}`: the reconciled grade depends on the rubric too. */
  rubric: string;
  /**
   * The lexicon the offline evidence was read with: the evidence bounds the LLM grade, so a new lexicon
   * is a new grade. Its version and a hash of its text (see `offlineVersions`).
   */
  lexicon: string;
  /** The feedback texts (notes, tips, notices) the grade carries; version and hash likewise. */
  feedback: string;
  /** The calibration the offline scores were fitted with ("none" without one). */
  calibration: string;
  /** The bank id, or the free text of the question. */
  question: string;
  level: Level;
  answer: string;
}

const shortHash = (value: unknown) =>
  createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);

/**
 * The versions of the offline content a reconciled grade depends on, each as `v<version>+<hash>`: the
 * hash catches an edit made without bumping the version. Computed once per grader.
 */
export function offlineVersions(
  content: Pick<Content, "lexicon" | "feedback" | "calibration">,
): Pick<CacheKeyParts, "lexicon" | "feedback" | "calibration"> {
  return {
    lexicon: `v${content.lexicon.version}+${shortHash(content.lexicon)}`,
    feedback: `v${content.feedback.version}+${shortHash(content.feedback)}`,
    calibration: content.calibration
      ? `v${content.calibration.version}+${shortHash(content.calibration)}`
      : "none",
  };
}

/** sha256 over every input that changes the grade; the answer is hashed, never stored in the key. */
export function cacheKey(parts: CacheKeyParts): string {
  const { model, promptVersion, rubric, lexicon, feedback, calibration, question, level, answer } = parts;
  return createHash("sha256")
    .update(
      JSON.stringify([model, promptVersion, rubric, lexicon, feedback, calibration, question, level, answer]),
    )
    .digest("hex");
}
