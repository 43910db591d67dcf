import { z } from "zod";
import type { ContentProblem } from "../content/errors.js";
import type { ContentFile } from "../content/load.js";
import { type Parsed, parseYaml } from "../content/parse.js";
import { placeholders } from "../feedback/template.js";
import type { Prompts } from "./render.js";
import { PROMPT_NAMES, PROMPTS, type PromptName } from "./variables.js";

const FileName = z.string().regex(/^[a-z0-9][a-z0-9-]*\.md$/, "must be a file name like grader-system.md");

export const PromptManifestSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lowercase letters, digits and dashes"),
  /** Bump it whenever a prompt's wording changes on purpose. */
  version: z.number().int().positive(),
  files: z.strictObject(
    Object.fromEntries(PROMPT_NAMES.map((n) => [n, FileName])) as Record<PromptName, typeof FileName>,
  ),
});

/** FNV-1a, 32 bits: a fingerprint of the prompt texts, so an edit without a version bump still shows. */
function fingerprint(texts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ 0xff, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function variableProblems(file: string, name: PromptName, text: string): ContentProblem[] {
  const { supplied, required } = PROMPTS[name];
  const used = new Set(placeholders(text));
  const problems: ContentProblem[] = [];
  for (const v of used) {
    if (!(supplied as readonly string[]).includes(v))
      problems.push({ file, path: "", message: `uses {${v}}, which the code does not supply` });
  }
  for (const v of required) {
    if (!used.has(v)) problems.push({ file, path: "", message: `must use {${v}}` });
  }
  return problems;
}

/** Validates the prompt manifest and every prompt it names; never throws. */
export function loadPrompts(manifest: ContentFile, templates: readonly ContentFile[]): Parsed<Prompts> {
  const parsed = parseYaml(manifest.path, manifest.text, PromptManifestSchema);
  if (!parsed.ok) return parsed;
  const { id, version, files } = parsed.value;
  const problems: ContentProblem[] = [];
  const texts = {} as Record<PromptName, string>;
  for (const name of PROMPT_NAMES) {
    const file = templates.find((t) => t.path.split(/[\\/]/).pop() === files[name]);
    if (!file) {
      problems.push({ file: manifest.path, path: `files.${name}`, message: `${files[name]} not found` });
      continue;
    }
    texts[name] = file.text.trim();
    if (texts[name] === "") problems.push({ file: file.path, path: "", message: "must not be empty" });
    problems.push(...variableProblems(file.path, name, texts[name]));
  }
  if (problems.length > 0) return { ok: false, problems };
  const print = fingerprint(PROMPT_NAMES.map((n) => texts[n]));
  return { ok: true, value: { version: `${id}.v${version}+${print}`, texts } };
}
