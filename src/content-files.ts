import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Content, type ContentFile, type ContentSources, loadContent } from "./core/content/load.js";

/** The project root: content folders sit beside src/. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function read(root: string, path: string): ContentFile {
  return { path: relative(root, path) || path, text: readFileSync(path, "utf8") };
}

export const CALIBRATION_FILE = join("rubrics", "calibration.json");

/**
 * Reads questions/*.yaml, rubrics/star.yaml, rubrics/lexicon.yaml, rubrics/feedback.yaml,
 * rubrics/calibration.json and prompts/ (prompts.yaml and the *.md prompts) under a root folder.
 * `calibration: false` leaves the fitted models out, to fit new ones.
 */
export function readContentSources(
  root = PROJECT_ROOT,
  opts: { calibration?: boolean } = {},
): ContentSources {
  const questionDir = join(root, "questions");
  const questions = readdirSync(questionDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => read(root, join(questionDir, f)));
  return {
    questions,
    rubric: read(root, join(root, "rubrics", "star.yaml")),
    lexicon: read(root, join(root, "rubrics", "lexicon.yaml")),
    feedback: read(root, join(root, "rubrics", "feedback.yaml")),
    prompts: readPrompts(root),
    calibration: opts.calibration === false ? undefined : read(root, join(root, CALIBRATION_FILE)),
  };
}

function readPrompts(root: string): ContentSources["prompts"] {
  const dir = join(root, "prompts");
  const templates = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => read(root, join(dir, f)));
  return { manifest: read(root, join(dir, "prompts.yaml")), templates };
}

let cached: Content | undefined;

/** The shipped content, validated once per process. */
export function shippedContent(): Content {
  cached ??= loadContent(readContentSources());
  return cached;
}
