import { createRequire } from "node:module";
import type { z } from "zod";
import type { ContentProblem } from "./errors.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

/** Renders a zod issue path as `questions[3].probes[0].target`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === "unrecognized_keys")
      message = `unknown key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    return { file, path: formatPath(issue.path), message };
  });
}

/** The yaml package, loaded only for text that is not JSON (CommonJS for Node: `require` is `import`). */
const yaml = (): typeof import("yaml") => createRequire(import.meta.url)("yaml");

/** JSON (YAML's subset, a hundred times faster to parse: the build's content cache, calibration.json), else undefined. */
function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Content is validated once per file: zod's compiled validators (`new Function`, one per object schema)
 * cost more to compile than they save on a single pass.
 */
const ONCE = { jitless: true } as const;

/** Parses YAML text and validates it against a schema; never throws. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Parsed<z.infer<S>> {
  const json = parseJson(text);
  if (json !== undefined) {
    const result = schema.safeParse(json, ONCE);
    return result.success
      ? { ok: true, value: result.data }
      : { ok: false, problems: zodProblems(file, result.error) };
  }
  const doc = yaml().parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const line = e.linePos?.[0];
        const where = line ? `line ${line.line}, column ${line.col}` : "";
        return {
          file,
          path: where,
          message: `YAML syntax: ${(e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`,
        };
      }),
    };
  }
  const result = schema.safeParse(doc.toJS(), ONCE);
  if (!result.success) return { ok: false, problems: zodProblems(file, result.error) };
  return { ok: true, value: result.data };
}
