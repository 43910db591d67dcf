/**
 * `npm run build` (and `npm ci`, through `prepare`) runs this after tsc: it validates every content file
 * and writes dist/content.json, the artefact every start loads instead of validating the content again,
 * and dist/content-cache.json, the YAML as JSON for a start after a content file changed (see
 * content-files.ts). Content that does not validate fails the build, with every problem listed.
 */
import { renameSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import {
  ARTEFACT_FORMAT,
  CONTENT_ARTEFACT,
  CONTENT_CACHE,
  type ContentArtefact,
  type ContentCache,
  PROJECT_ROOT,
  readContentSources,
  sourceHashes,
  textKey,
} from "./content-files.js";
import { ContentError } from "./core/content/errors.js";
import { type ContentFile, validateContent } from "./core/content/load.js";

/** JSON carries a value exactly when it reads back deep-equal: no dates, infinities or undefined. */
function asExactJson(value: unknown): string | undefined {
  const json = JSON.stringify(value);
  return json !== undefined && isDeepStrictEqual(JSON.parse(json), value) ? json : undefined;
}

/**
 * Each YAML file's data as JSON, by the sha256 of its text. A file that does not parse, or whose data
 * JSON cannot carry exactly, is left out: a start that needs it reads it as YAML.
 */
function yamlAsJson(files: readonly ContentFile[]): ContentCache {
  const out: ContentCache = {};
  for (const file of files) {
    if (!/\.ya?ml$/.test(file.path)) continue;
    const doc = parseDocument(file.text, { uniqueKeys: true });
    if (doc.errors.length > 0) continue;
    const json = asExactJson(doc.toJS());
    if (json !== undefined) out[textKey(file.text)] = json;
  }
  return out;
}

/**
 * The artefact and the cache for the content under `root`; throws a ContentError when the content does
 * not validate.
 */
export function buildContent(root: string): { artefact: ContentArtefact; cache: ContentCache } {
  const sources = readContentSources(root);
  const content = validateContent(sources);
  if (asExactJson(content) === undefined)
    throw new Error("the validated content holds a value JSON cannot carry exactly");
  const { rubric, lexicon, feedback, posting, prompts } = sources;
  return {
    artefact: { format: ARTEFACT_FORMAT, sources: sourceHashes(sources), content },
    cache: yamlAsJson([...sources.questions, rubric, lexicon, feedback, posting, prompts.manifest]),
  };
}

/** Written whole, then renamed into place: a program starting meanwhile reads the old file or the new. */
function writeWhole(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

// Run as a script (node dist/build-content.js), not when a test imports buildContent.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let built: ReturnType<typeof buildContent>;
  try {
    built = buildContent(PROJECT_ROOT);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  // The cache first: a start that finds the new artefact out of date falls back on the new cache.
  writeWhole(CONTENT_CACHE, built.cache);
  writeWhole(CONTENT_ARTEFACT, built.artefact);
  process.stdout.write(
    `content: ${Object.keys(built.artefact.sources).length} files validated into ${relative(PROJECT_ROOT, CONTENT_ARTEFACT)}\n`,
  );
}
