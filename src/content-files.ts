import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Content,
  type ContentData,
  type ContentFile,
  type ContentSources,
  contentFromData,
  loadContent,
} from "./core/content/load.js";

/**
 * The project root: content folders (questions/, rubrics/, prompts/) sit beside src/ and dist/, and this
 * module is src/content-files.ts or, compiled, dist/content-files.js: one level down either way.
 */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * What `npm run build` writes (src/build-content.ts) once every content file validates. The artefact,
 * dist/content.json, holds the validated content and the sha256 of each source file it was made from: a
 * start whose source files all match it takes the content as it is. The cache, dist/content-cache.json,
 * holds each YAML file's data as JSON, by the sha256 of its text; it is read only when the artefact does
 * not match (a file edited since the build), to validate each unchanged YAML file from its JSON, ten times
 * faster than from the YAML. Kept apart, it leaves the artefact half the size a start reads.
 */
export const CONTENT_ARTEFACT = join(PROJECT_ROOT, "dist", "content.json");
export const CONTENT_CACHE = join(PROJECT_ROOT, "dist", "content-cache.json");
export const ARTEFACT_FORMAT = 1;

export interface ContentArtefact {
  format: typeof ARTEFACT_FORMAT;
  /** The sha256 of each source file's text, by its path under the root (questions/inventory.yaml). */
  sources: Record<string, string>;
  content: ContentData;
}
export type ContentCache = Record<string, string>;

export const textKey = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Every source file's path and the sha256 of its text. */
export function sourceHashes(sources: ContentSources): Record<string, string> {
  const files = [
    ...sources.questions,
    sources.rubric,
    sources.lexicon,
    sources.feedback,
    sources.posting,
    sources.prompts.manifest,
    ...sources.prompts.templates,
    ...(sources.calibration ? [sources.calibration] : []),
  ];
  return Object.fromEntries(files.map((f) => [f.path, textKey(f.text)]));
}

/** The sources, with each YAML file whose text `cache` holds given as its JSON. */
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
    posting: swap(sources.posting),
    prompts: { ...sources.prompts, manifest: swap(sources.prompts.manifest) },
  };
}

/** The build's YAML-as-JSON cache; empty when there is none (no build, or an unreadable file). */
export function readContentCache(file = CONTENT_CACHE): ContentCache {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ContentCache;
  } catch {
    return {};
  }
}

/** The newest modification time of the modules under `dir` (Node 20's recursive readdir is slower). */
function newestModuleMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestModuleMs(path));
    else if (/\.[cm]?[jt]s$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The newest modification time of the modules that shape the content (its schemas and loaders, all
 * under core/, and this module), as they run: the sources through tsx and vitest, else the build.
 */
function newestCodeMs(): number {
  const here = fileURLToPath(import.meta.url);
  return Math.max(statSync(here).mtimeMs, newestModuleMs(join(dirname(here), "core")));
}

/**
 * The build's artefact, or undefined (no build, an unreadable file, another format). `current` is
 * false when the code that shapes the content changed after the artefact was written: its content
 * may then not be what this code would make (a schema edited and not built).
 */
export function readContentArtefact(
  file = CONTENT_ARTEFACT,
): { artefact: ContentArtefact; current: boolean } | undefined {
  try {
    const written = statSync(file).mtimeMs;
    const artefact = JSON.parse(readFileSync(file, "utf8")) as ContentArtefact | null;
    // A cheap check of its shape: the build validated everything inside.
    const isRecord = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
    if (
      artefact?.format !== ARTEFACT_FORMAT ||
      !isRecord(artefact.sources) ||
      !isRecord(artefact.content) ||
      !Array.isArray(artefact.content.questions)
    )
      return undefined;
    return { artefact, current: newestCodeMs() <= written };
  } catch {
    return undefined;
  }
}

/** Whether the artefact was made from exactly these files, each with the same text. */
export function artefactMatches(artefact: ContentArtefact, sources: ContentSources): boolean {
  const now = sourceHashes(sources);
  const then = artefact.sources;
  const paths = Object.keys(now);
  return paths.length === Object.keys(then).length && paths.every((p) => then[p] === now[p]);
}

function read(root: string, path: string): ContentFile {
  return { path: relative(root, path) || path, text: readFileSync(path, "utf8") };
}

export const CALIBRATION_FILE = join("rubrics", "calibration.json");

/**
 * Reads questions/*.yaml, rubrics/star.yaml, rubrics/lexicon.yaml, rubrics/feedback.yaml,
 * rubrics/posting.yaml, rubrics/calibration.json and prompts/ (prompts.yaml and the *.md prompts) under a root folder.
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
    posting: read(root, join(root, "rubrics", "posting.yaml")),
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

/**
 * The content under `root`: the artefact's when it was made from these very files by this code, else
 * the sources validated (a ContentError lists every problem).
 */
export function loadShippedContent(
  root = PROJECT_ROOT,
  files = { artefact: CONTENT_ARTEFACT, cache: CONTENT_CACHE },
): Content {
  const sources = readContentSources(root);
  const built = readContentArtefact(files.artefact);
  if (built?.current && artefactMatches(built.artefact, sources))
    return contentFromData(built.artefact.content);
  return loadContent(withContentCache(sources, readContentCache(files.cache)));
}

let cached: Content | undefined;

/** The shipped content, loaded once per process (see loadShippedContent). */
export function shippedContent(): Content {
  cached ??= loadShippedContent();
  return cached;
}
