import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { ROOT } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "star-content-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("star-coach content check", () => {
  it("summarises valid content, a line per kind, and exits 0", async () => {
    const run = await runInProcess(["content", "check"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual([
      "questions",
      "rubric",
      "lexicon",
      "feedback",
      "prompts",
      "calibration",
    ]);
    expect(lines[0]).toMatch(/^questions +\d{3} questions in 13 competencies \(questions\/\*\.yaml\)$/);
    expect(lines[1]).toMatch(/^rubric +[a-z-]+ v\d+: 6 criteria, 4 levels \(rubrics\/star\.yaml\)$/);
  });

  it("checks the content under --root", async () => {
    const root = join(dir, "good");
    for (const sub of ["questions", "rubrics", "prompts"])
      cpSync(join(ROOT, sub), join(root, sub), { recursive: true });
    const run = await runInProcess(["content", "check", "--root", root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^questions +\d+ questions/);
  });

  it("lists every problem with its file and the path inside it, and exits 1", async () => {
    const root = join(dir, "broken");
    for (const sub of ["rubrics", "prompts"]) cpSync(join(ROOT, sub), join(root, sub), { recursive: true });
    cpSync(join(ROOT, "test", "fixtures", "content", "broken", "questions"), join(root, "questions"), {
      recursive: true,
    });
    const run = await runInProcess(["content", "check", "--root", root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("Content is invalid (10 problems):");
    expect(lines).toContain("  - questions/inventory.yaml: questions[1].text: must not be empty");
    expect(lines).toContain(
      "  - questions/syntax.yaml: line 6, column 1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
    expect(lines).toContain(
      "  - questions/supply.yaml: competency: must match the file name (supply), got supply-chain",
    );
  });

  it("says which folder it cannot read, and exits 1", async () => {
    const missing = join(dir, "nothing-here");
    const run = await runInProcess(["content", "check", "--root", missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`star-coach content check: cannot read ${join(missing, "questions")} (ENOENT)\n`);
  });

  it("refuses a missing or unknown subcommand with its usage, exit 2", async () => {
    for (const args of [[], ["lint"], ["check", "extra"], ["check", "--rot", "x"]]) {
      const run = await runInProcess(["content", ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage: star-coach content check [--root DIR]");
    }
  });
});
