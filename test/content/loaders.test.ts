import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readContentSources } from "../../src/content-files.js";
import { ContentError } from "../../src/core/content/errors.js";
import { loadContent } from "../../src/core/content/load.js";
import { ROOT } from "../helpers/run-cli.js";

const BROKEN = join(ROOT, "test", "fixtures", "content", "broken");

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContentError) return err.message.split("\n").slice(1);
    throw err;
  }
  throw new Error("expected a ContentError");
}

describe("content loaders", () => {
  const shipped = readContentSources();

  it("reject broken question files, naming the file, the path inside it and the problem", () => {
    const questions = ["inventory.yaml", "quality.yaml", "supply.yaml", "syntax.yaml"].map((f) => ({
      path: `questions/${f}`,
      text: readFileSync(join(BROKEN, "questions", f), "utf8"),
    }));
    expect(problemsOf(() => loadContent({ ...shipped, questions }))).toMatchInlineSnapshot(`
      [
        "  - questions/inventory.yaml: questions[0].levels[1]: Invalid option: expected one of "entry"|"mid"|"senior"|"executive"",
        "  - questions/inventory.yaml: questions[0].probes[0].target: Invalid option: expected one of "situation"|"task"|"action"|"result"|"data_evidence"|"ownership"",
        "  - questions/inventory.yaml: questions[0].probes: must have 2 to 4 probes",
        "  - questions/inventory.yaml: questions[1].text: must not be empty",
        "  - questions/inventory.yaml: questions[1].levels: must list at least one level",
        "  - questions/inventory.yaml: unknown key: colour",
        "  - questions/syntax.yaml: line 6, column 1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
        "  - questions/quality.yaml: questions[1].id: duplicate question id q-scrap-spike (first in questions/quality.yaml)",
        "  - questions/supply.yaml: competency: must match the file name (supply), got supply-chain",
        "  - questions/supply.yaml: questions[0].id: duplicate question id sc-late-supplier (first in questions/quality.yaml)",
      ]
    `);
  });

  it("reject a rubric whose weights do not add up and whose anchors are out of order", () => {
    const text = shipped.rubric.text
      .replace("weight: 0.25", "weight: 0.35")
      .replace(/score: 3\b/, "score: 2");
    expect(
      problemsOf(() => loadContent({ ...shipped, rubric: { path: "rubrics/star.yaml", text } })),
    ).toMatchInlineSnapshot(`
      [
        "  - rubrics/star.yaml: criteria[0].anchors: anchors must be in order: 0, 1, 2, 3, 4",
        "  - rubrics/star.yaml: criteria: weights must add up to 1, got 1.1",
      ]
    `);
  });

  it("reject a lexicon with an unknown list, a capitalised phrase and a duplicate method", () => {
    const text = shipped.lexicon.text
      .replace("situation_cues:", "situaton_cues: [oops]\nsituation_cues:")
      .replace("  - at my previous", "  - At my previous")
      .replace("methods:\n", "methods:\n  - { id: lean, name: Lean again, patterns: [lean] }\n");
    expect(
      problemsOf(() => loadContent({ ...shipped, lexicon: { path: "rubrics/lexicon.yaml", text } })),
    ).toMatchInlineSnapshot(`
      [
        "  - rubrics/lexicon.yaml: situation_cues[0]: must be lowercase",
        "  - rubrics/lexicon.yaml: unknown key: situaton_cues",
        "  - rubrics/lexicon.yaml: methods[1].id: duplicate method id lean",
      ]
    `);
  });

  it("reject a phrase that starts with a * standing for any word", () => {
    const text = shipped.lexicon.text.replace("  - at my previous", "  - '* weeks later'");
    expect(
      problemsOf(() => loadContent({ ...shipped, lexicon: { path: "rubrics/lexicon.yaml", text } })),
    ).toEqual([
      "  - rubrics/lexicon.yaml: situation_cues[0]: a * on its own (any one word) may not start a phrase",
    ]);
  });
});
