/**
 * `npm run build` (and `npm ci`, through `prepare`) runs this after tsc: it writes dist/content-cache.json,
 * the content's YAML files as JSON (see content-files.ts), which makes every start faster.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import { CONTENT_CACHE_FILE, type ContentCache, PROJECT_ROOT, textKey } from "./content-files.js";

/**
 * The cache for the content under `root`. A file that does not parse, or whose data JSON cannot carry
 * exactly (a date, an infinity), is left out: it is read as YAML, and any problem reported, when the
 * program loads it.
 */
export function buildContentCache(root: string): ContentCache {
  const built: ContentCache = {};
  for (const dir of ["questions", "rubrics", "prompts"]) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const text = readFileSync(join(root, dir, name), "utf8");
      const doc = parseDocument(text, { uniqueKeys: true });
      if (doc.errors.length > 0) continue;
      const data: unknown = doc.toJS();
      const json = JSON.stringify(data);
      if (json !== undefined && isDeepStrictEqual(JSON.parse(json), data)) built[textKey(text)] = json;
    }
  }
  return built;
}

// Run as a script (node dist/build-content-cache.js), not when a test imports buildContentCache.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cache = buildContentCache(PROJECT_ROOT);
  // Written whole, then renamed into place: a program starting meanwhile reads the old cache or the new.
  const tmp = `${CONTENT_CACHE_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cache));
  renameSync(tmp, CONTENT_CACHE_FILE);
  process.stdout.write(`content cache: ${Object.keys(cache).length} files in ${CONTENT_CACHE_FILE}\n`);
}
