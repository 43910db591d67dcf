import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Content, type ContentFile, type ContentSources, loadContent } from "./core/content/load.js";

/**
 * The project root: content folders (questions/, rubrics/, prompts/) sit beside src/ and dist/, and this
 * module is src/content-files.ts or, compiled, dist/content-files.js: one level down either way.
 */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The content cache `npm run build` writes (src/build-content-cache.ts): each YAML content file's data
 * as JSON, keyed by the sha256 of the file's text. JSON is YAML too, parses a hundred times faster and
 * needs no YAML parser loaded (a start saves 0.1 to 0.3 s); it is validated like the YAML. A file
 * edited since the build no longer matches its key and is read as YAML.
 */
export const CONTENT_CACHE_FILE = join(PROJECT_ROOT, "dist", "content-cache.json");
export type ContentCache = Record<string, string>;

export const textKey = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The build's content cache; empty when there is none (no build, or an unreadable file). */
export function readContentCache(file = CONTENT_CACHE_FILE): ContentCache {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ContentCache;
  } catch {
    return {};
  }
}

/** The same sources, with each YAML file whose text the cache holds given as its JSON. */
export function withContentCache(sources: ContentSources, cache: ContentCache): ContentSources {
  const swap = (file: ContentFile): ContentFile => {
    const json = /\.ya?ml$/.test(file.path) ? cache[textKey(file.text)] : undefined;
    return json === undefined ? file : { path: file.path, text: json };
  };
  return {
    ...sources,
    questions: sources.questions.map(swap),
    rubric: swap(sources.rubric),
    lexicon: swap(sources.lexicon),
    feedback: swap(sources.feedback),
    prompts: { ...sources.prompts, manifest: swap(sources.prompts.manifest) },
  };
}

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

/** The shipped content, validated once per process (through the build's content cache, when it matches). */
export function shippedContent(): Content {
  cached ??= loadContent(withContentCache(readContentSources(), readContentCache()));
  return cached;
}
