import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildContent } from "../../src/build-content.js";
import {
  type ContentArtefact,
  loadShippedContent,
  readContentArtefact,
  readContentSources,
  textKey,
  withContentCache,
} from "../../src/content-files.js";
import { ContentError } from "../../src/core/content/errors.js";
import { type Content, contentFromData, loadContent } from "../../src/core/content/load.js";
import { ROOT } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "star-artefact-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the shipped content folders, to edit. */
function contentCopy(name: string): string {
  const root = join(dir, name);
  for (const sub of ["questions", "rubrics", "prompts"])
    cpSync(join(ROOT, sub), join(root, sub), { recursive: true });
  return root;
}

const MARK = "Read from the artefact";

/**
 * The build's files for the content under `root`, the artefact's rubric renamed MARK: a start that
 * uses the artefact says so.
 */
function build(name: string, root = ROOT, edit = (_: ContentArtefact) => {}) {
  const { artefact, cache } = buildContent(root);
  artefact.content.rubric.name = MARK;
  edit(artefact);
  const files = { artefact: join(dir, `${name}.json`), cache: join(dir, `${name}-cache.json`) };
  writeFileSync(files.artefact, JSON.stringify(artefact));
  writeFileSync(files.cache, JSON.stringify(cache));
  return files;
}

function expectSame(a: Content, b: Content) {
  const { bank, ...rest } = a;
  const { bank: otherBank, ...otherRest } = b;
  expect(rest).toStrictEqual(otherRest);
  expect(bank.questions).toStrictEqual(otherBank.questions);
  expect(bank.competencies).toStrictEqual(otherBank.competencies);
}

describe("the content artefact", () => {
  it("holds exactly the content that loading the YAML gives, through JSON, and every source's hash", () => {
    const { artefact } = buildContent(ROOT);
    const sources = readContentSources();
    expectSame(contentFromData(JSON.parse(JSON.stringify(artefact)).content), loadContent(sources));
    expect(Object.keys(artefact.sources)).toHaveLength(
      sources.questions.length + 6 + sources.prompts.templates.length,
    );
    expect(artefact.sources["rubrics/star.yaml"]).toBe(textKey(sources.rubric.text));
  });

  it("is what a start loads when every source file matches it, without validating it again", () => {
    expect(loadShippedContent(ROOT, build("shipped")).rubric.name).toBe(MARK);
  });

  it("is not used once a source file changed: the YAML is validated, and its problems reported", () => {
    const root = contentCopy("edited");
    const files = build("edited", root);
    const rubric = join(root, "rubrics", "star.yaml");
    writeFileSync(rubric, `${readFileSync(rubric, "utf8")}\n# an edit\n`);
    const content = loadShippedContent(root, files);
    expect(content.rubric.name).not.toBe(MARK);
    expectSame(content, loadContent(readContentSources(root)));

    const question = join(root, "questions", "inventory.yaml");
    writeFileSync(question, readFileSync(question, "utf8").replace("levels: [", "levels: [intern, "));
    let problems: readonly unknown[] = [];
    try {
      loadShippedContent(root, files);
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({ file: "questions/inventory.yaml", path: "questions[0].levels[0]" }),
    ]);
  });

  it("is not used when a file was added or removed since the build", () => {
    const root = contentCopy("added");
    const files = build("added", root);
    cpSync(join(root, "prompts", "grader-user.md"), join(root, "prompts", "notes.md"));
    expect(loadShippedContent(root, files).rubric.name).not.toBe(MARK);
  });

  it("is not used when the code that shapes the content is newer, nor when it is missing or corrupt", () => {
    const old = build("old");
    utimesSync(old.artefact, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(readContentArtefact(old.artefact)?.current).toBe(false);
    expect(loadShippedContent(ROOT, old).rubric.name).not.toBe(MARK);

    const corrupt = join(dir, "corrupt.json");
    writeFileSync(corrupt, "{ not json");
    expect(readContentArtefact(corrupt)).toBeUndefined();
    const otherFormat = build("format", ROOT, (a) => {
      (a as { format: number }).format = 0;
    });
    expect(readContentArtefact(otherFormat.artefact)).toBeUndefined();
    const noSources = build("no-sources", ROOT, (a) => {
      (a as { sources: unknown }).sources = null;
    });
    expect(readContentArtefact(noSources.artefact)).toBeUndefined();
    const none = { artefact: join(dir, "missing.json"), cache: join(dir, "missing-cache.json") };
    expect(loadShippedContent(ROOT, none).rubric.name).not.toBe(MARK);
  });

  it("cannot be built from content that does not validate", () => {
    const root = contentCopy("broken");
    for (const f of ["inventory.yaml", "syntax.yaml"])
      cpSync(join(ROOT, "test", "fixtures", "content", "broken", "questions", f), join(root, "questions", f));
    expect(() => buildContent(root)).toThrow(ContentError);
  });
});

describe("the build's YAML-as-JSON cache", () => {
  it("gives each unchanged YAML file as JSON, the same content once validated; an edited file stays YAML", () => {
    const sources = readContentSources();
    const { cache } = buildContent(ROOT);
    expect(Object.keys(cache)).toHaveLength(sources.questions.length + 5);
    const cached = withContentCache(sources, cache);
    expect(cached.lexicon.text).toBe(cache[textKey(sources.lexicon.text)]);
    expectSame(loadContent(cached), loadContent(sources));
    const edited = { ...sources, rubric: { ...sources.rubric, text: `${sources.rubric.text}\n# edited\n` } };
    expect(withContentCache(edited, cache).rubric).toEqual(edited.rubric);
  });
});
