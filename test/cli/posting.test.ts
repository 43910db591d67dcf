import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { ROOT } from "../helpers/run-cli.js";

const fixture = (name: string) => join(ROOT, "test", "fixtures", "postings", `${name}.txt`);

describe("star-coach posting", () => {
  it("shows the level and why, ranked competencies with their words, methods, metrics and what to practise", async () => {
    const run = await runInProcess(["posting", fixture("operations-manager-food")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const out = run.stdout;
    expect(out).toMatch(
      /^Level mid\n {2}The title "Operations Manager – Ready Meals Plant \(Day Shift\)" reads as mid\.\n/,
    );
    expect(out).toMatch(/^ {2}quality +\d+% {2}Quality and Six Sigma\n +.*HACCP/m);
    const top = out.match(/^Competencies it asks for\n {2}([a-z-]+) /m)?.[1];
    expect(out).toMatch(/^Methods .*Lean.*5S/m);
    expect(out).toMatch(/^Metrics .*OEE.*OTIF/m);
    expect(out).toContain(`\nPractice star-coach practice --posting ${fixture("operations-manager-food")}\n`);
    expect(
      out.endsWith(`\n  or its top competency alone: star-coach practice --level mid --focus ${top}\n`),
    ).toBe(true);
    // In the order of their weights.
    const order = [...out.matchAll(/^ {2}([a-z-]+) +(\d+)%/gm)].map((m) => Number(m[2]));
    expect(order.length).toBeGreaterThan(3);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it("--json prints exactly level, competencies, methods and metrics", async () => {
    const run = await runInProcess(["posting", fixture("director-operations-multisite"), "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      competencies: Array<Record<string, unknown>>;
    };
    expect(Object.keys(json)).toEqual(["level", "competencies", "methods", "metrics"]);
    expect(json.level).toBe("senior");
    for (const c of json.competencies) {
      expect(Object.keys(c)).toEqual(["id", "weight", "evidence"]);
      expect(c.weight).toBeGreaterThan(0);
      expect(c.weight).toBeLessThanOrEqual(1);
    }
    expect(json.methods).toEqual(expect.arrayContaining(["Lean", "Six Sigma", "S&OP"]));
  });

  it("reads standard input for -", async () => {
    const input = await readFile(fixture("vp-operations"), "utf8");
    const run = await runInProcess(["posting", "-", "--json"], { input });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { level: string }).level).toBe("executive");
  });

  it("says in one line, exit 1, when the text is not a posting", async () => {
    const run = await runInProcess(["posting", "-"], { input: "Preheat the oven and slice the onions." });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "star-coach posting: This does not look like a job posting: it has 7 words, and a posting has at least 40. Paste the posting's title, responsibilities and requirements.\n",
    );
  });

  it("says in one line, exit 1, when the file cannot be read", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "posting-")), "nope.txt");
    const run = await runInProcess(["posting", missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^star-coach posting: .*nope\.txt: no such file\. .*\n$/);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).not.toMatch(/\bat /);
  });

  it("explains a missing FILE or an unknown flag with the usage, exit 2", async () => {
    const none = await runInProcess(["posting"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^give the posting's FILE, or - to read standard input\n\nUsage: star-coach posting FILE/,
    );
    const two = await runInProcess(["posting", "a.txt", "b.txt"]);
    expect(two.code).toBe(2);
    const flag = await runInProcess(["posting", fixture("vp-operations"), "--level", "mid"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Usage: star-coach posting");
  });

  it("is listed under --help and has its own", async () => {
    expect((await runInProcess(["--help"])).stdout).toMatch(/^ {2}posting /m);
    const help = await runInProcess(["posting", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: star-coach posting FILE [--json]");
  });
});
