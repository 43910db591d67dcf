import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";

// `star-coach stories` in-process on a real SQLite file in a fresh DATA_DIR per test. The stories are
// in test/fixtures/stories/: one competency each, told the way a candidate would write them down.
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "stories");
const fixture = (name: string) => join(FIXTURES, `${name}.txt`);
const read = (name: string) => readFileSync(fixture(name), "utf8");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A failure as the brief wants it: one line on standard error, nothing on standard output. */
const ONE_LINE = /^star-coach stories: [^\n]+\n$/;

function cli(dataDir: string) {
  return (argv: string[], input?: string) =>
    runInProcess(["stories", ...argv, "--user", "ana"], {
      env: { DATA_DIR: dataDir },
      ...(input !== undefined ? { input } : {}),
    });
}

/** Adds the fixture stories; returns their ids by fixture name. */
async function bank(run: ReturnType<typeof cli>, names: string[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) {
    const added = await run(["add", "--title", name.replace(/-/g, " "), fixture(name)]);
    expect(added.code, added.stderr).toBe(0);
    ids[name] = added.stdout.split("\n")[0] ?? "";
  }
  return ids;
}

describe("stories add, list and show", () => {
  it("adds a story from standard input and from a file, printing its id first, then a summary", async () => {
    const run = cli(tempDataDir());
    const fromStdin = await run(["add", "--title", "Forklift near miss"], read("forklift-near-miss"));
    expect(fromStdin.code).toBe(0);
    const [id, ...summary] = fromStdin.stdout.split("\n");
    expect(id).toMatch(UUID);
    expect(summary.join("\n")).toMatch(
      /^Saved “Forklift near miss”: [1-5]\/5 overall, entry level\.\nCompetencies: safety\nTop tip: /,
    );

    const fromFile = await run(["add", "--title", "Parts crib counts", fixture("cycle-count")]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout.split("\n")[0]).toMatch(UUID);
    expect(fromFile.stdout).toContain("Competencies: inventory");

    const dash = await run(["add", "--title", "Bottling SMED", "-"], read("changeover-smed"));
    expect(dash.stdout.split("\n")[0]).toMatch(UUID);
  });

  it("list --json gives exactly id, title, competencies, overall and level; the table names each", async () => {
    const run = cli(tempDataDir());
    const ids = await bank(run, ["forklift-near-miss", "cycle-count"]);
    const json = await run(["list", "--json"]);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(list.map((s) => Object.keys(s))).toEqual([
      ["id", "title", "competencies", "overall", "level"],
      ["id", "title", "competencies", "overall", "level"],
    ]);
    expect(list[0]).toMatchObject({
      id: ids["forklift-near-miss"],
      title: "forklift near miss",
      competencies: ["safety"],
      level: "entry",
    });
    expect(list[0]?.overall).toEqual(expect.any(Number));

    const table = await run(["list"]);
    expect(table.stdout).toMatch(/^ID +TITLE +OVERALL +LEVEL +COMPETENCIES\n/);
    expect(table.stdout).toContain(`${ids["cycle-count"]?.slice(0, 8)}  cycle count`);
    expect(table.stdout).toContain("2 stories (aim for 8–12)");
    for (const line of table.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("another user's bank is their own", async () => {
    const dataDir = tempDataDir();
    await bank(cli(dataDir), ["forklift-near-miss"]);
    const other = await runInProcess(["stories", "list", "--json", "--user", "ben"], {
      env: { DATA_DIR: dataDir },
    });
    expect(JSON.parse(other.stdout)).toEqual([]);
  });

  it("show prints the story wrapped, its competencies, level and why, each criterion and the tips", async () => {
    const run = cli(tempDataDir());
    const { "forklift-near-miss": id = "" } = await bank(run, ["forklift-near-miss"]);
    const shown = await run(["show", id.slice(0, 6)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^forklift near miss\n/);
    expect(shown.stdout).toContain("  At the Dayton cross-dock a forklift clipped");
    expect(shown.stdout).toContain("Competencies: safety\n");
    expect(shown.stdout).toMatch(/Level: Entry level: the story's scope is/);
    for (const label of ["Situation", "Task", "Action", "Result", "Data evidence", "Ownership"])
      expect(shown.stdout).toMatch(new RegExp(`\\n${label} +[●○]{4} [0-4]/4`));
    expect(shown.stdout).toContain("\nTips\n");
    for (const line of shown.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);

    const json = JSON.parse((await run(["show", id, "--json"])).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "id",
      "title",
      "text",
      "parts",
      "competencies",
      "level",
      "overall",
      "grade",
    ]);
    expect(json).toMatchObject({
      id,
      text: read("forklift-near-miss").trim(),
      parts: null,
      competencies: ["safety"],
    });
    expect(json.overall).toBe((json.grade as { overall: number }).overall);
  });

  it("prints a story's text with nothing a terminal would act on", async () => {
    const run = cli(tempDataDir());
    const added = await run(
      ["add", "--title", "Red \x1b[31mtitle\x1b]0;owned\x07"],
      `${read("cycle-count")}\x1b[2J`,
    );
    const id = added.stdout.split("\n")[0] ?? "";
    for (const out of [added.stdout, (await run(["show", id])).stdout, (await run(["list"])).stdout])
      expect(out).not.toContain("\x1b");
  });
});

describe("stories edit and delete", () => {
  it("edits the title, the competencies and the text", async () => {
    const run = cli(tempDataDir());
    const { "cycle-count": id = "" } = await bank(run, ["cycle-count"]);
    const titled = await run([
      "edit",
      id,
      "--title",
      "ABC cycle counting",
      "--competencies",
      "inventory, analytics",
    ]);
    expect(titled.code, titled.stderr).toBe(0);
    expect(titled.stdout).toMatch(
      /^Updated “ABC cycle counting”: [1-5]\/5 overall, entry level\.\nCompetencies: inventory, analytics \(as you set them\)\n/,
    );

    const retold = await run(
      ["edit", id.slice(0, 8), "-"],
      `${read("cycle-count")}The plant manager made the kiosk standard in all three cribs.`,
    );
    expect(retold.code, retold.stderr).toBe(0);
    const json = JSON.parse((await run(["show", id, "--json"])).stdout) as {
      title: string;
      text: string;
      competencies: string[];
    };
    expect(json.title).toBe("ABC cycle counting");
    expect(json.text).toContain("standard in all three cribs");
    expect(json.competencies).toEqual(["inventory", "analytics"]);
  });

  it("refuses an unknown competency, an unknown id and an edit that changes nothing", async () => {
    const run = cli(tempDataDir());
    const { "cycle-count": id = "" } = await bank(run, ["cycle-count"]);
    const unknown = await run(["edit", id, "--competencies", "inventory,warehousing"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(ONE_LINE);
    expect(unknown.stderr).toMatch(/^star-coach stories: Unknown competency warehousing: use analytics, /);

    const noSuch = await run(["edit", "0000", "--title", "Mine"]);
    expect(noSuch).toMatchObject({ code: 1, stdout: "" });
    expect(noSuch.stderr).toMatchInlineSnapshot(`
      "star-coach stories: You have no story with the id "0000"; star-coach stories list shows yours.
      "
    `);

    const nothing = await run(["edit", id]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(
      /^say what to change: --title, --competencies, or a FILE .*\n\nUsage: star-coach stories/,
    );
  });

  it("deletes only with --yes", async () => {
    const run = cli(tempDataDir());
    const { "forklift-near-miss": id = "" } = await bank(run, ["forklift-near-miss"]);
    const unconfirmed = await run(["delete", id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/^deleting a story cannot be undone: add --yes to confirm\n\nUsage: /);
    expect(JSON.parse((await run(["list", "--json"])).stdout)).toHaveLength(1);

    const deleted = await run(["delete", id, "--yes"]);
    expect(deleted).toMatchObject({ code: 0, stdout: "Deleted “forklift near miss”.\n" });
    expect(JSON.parse((await run(["list", "--json"])).stdout)).toEqual([]);
    const again = await run(["delete", id, "--yes"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(ONE_LINE);
  });
});

describe("stories coverage and match", () => {
  it("coverage --json gives exactly level, competencies and gaps; the table marks each ✓ or gap", async () => {
    const run = cli(tempDataDir());
    const ids = await bank(run, ["forklift-near-miss", "cycle-count", "supplier-delay"]);
    const json = await run(["coverage", "--level", "mid", "--json"]);
    expect(json.code).toBe(0);
    const coverage = JSON.parse(json.stdout) as {
      level: string;
      competencies: Array<{ id: string; stories: string[]; covered: boolean }>;
      gaps: string[];
    };
    expect(Object.keys(coverage)).toEqual(["level", "competencies", "gaps"]);
    expect(coverage.level).toBe("mid");
    expect(coverage.competencies.find((c) => c.id === "safety")).toEqual({
      id: "safety",
      stories: [ids["forklift-near-miss"]],
      covered: true,
    });
    expect(coverage.gaps).toContain("quality");
    expect(coverage.gaps).not.toContain("inventory");
    expect(coverage.gaps).toEqual(coverage.competencies.filter((c) => !c.covered).map((c) => c.id));

    const table = (await run(["coverage", "--level", "mid"])).stdout;
    expect(table).toMatch(/\nSafety and operational risk +✓ +forklift near miss\n/);
    expect(table).toMatch(/\nQuality and Six Sigma +gap +-\n/);
    expect(table).toMatch(/\nGaps: no story yet for [\s\S]*quality and Six Sigma/);
    expect(table).toContain("You have 3 stories; aim for 8–12");
  });

  it("match --json ranks the stories best first, each with its reason", async () => {
    const run = cli(tempDataDir());
    const ids = await bank(run, ["cycle-count", "labor-budget", "forklift-near-miss"]);
    const json = await run(["match", "--question", "saf-near-miss-reporting-increased", "--json"]);
    expect(json.code).toBe(0);
    const fits = JSON.parse(json.stdout) as Array<{
      id: string;
      title: string;
      score: number;
      reason: string;
    }>;
    expect(fits.map((f) => Object.keys(f))).toEqual(Array(3).fill(["id", "title", "score", "reason"]));
    expect(fits[0]).toMatchObject({ id: ids["forklift-near-miss"], title: "forklift near miss" });
    expect(fits[0]?.reason).toMatch(/^covers safety; names .*near miss/);
    expect(fits[1]?.reason).toMatch(/^about (inventory|cost), not safety/);
    expect(fits.map((f) => f.score)).toEqual([...fits.map((f) => f.score)].sort((a, b) => b - a));

    const free = await run([
      "match",
      "--question-text",
      "Tell me about a time you brought labor costs under budget",
    ]);
    expect(free.stdout).toMatch(
      /^Q: Tell me about .*\n\n1\. labor budget {2}\d\.\d\d {2}[0-9a-f]{8}\n {3}covers cost/,
    );
  });

  it("refuses an unknown question id in one line", async () => {
    const run = cli(tempDataDir());
    const unknown = await run(["match", "--question", "no-such-question"]);
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toMatchInlineSnapshot(`
      "star-coach stories: No question has the id "no-such-question"; star-coach questions lists them.
      "
    `);
  });
});

describe("stories practise", () => {
  it("prints the question, the story and its gaps, then grades the answer and says what it still lacks", async () => {
    const run = cli(tempDataDir());
    const { "labor-budget": id = "" } = await bank(run, ["labor-budget"]);
    const answer =
      "Our fulfilment center ran over its labor budget. I built a staffing model and flexed the schedule. Overtime fell.";
    const practised = await run(["practise", id, "--question", "saf-near-miss-reporting-increased"], answer);
    expect(practised.code, practised.stderr).toBe(0);
    const out = practised.stdout;
    expect(out).toMatch(
      /^Q \(saf-near-miss-reporting-increased, entry level\): Describe a time you got\s+people/,
    );
    expect(out).toContain("Your story, “labor budget”:\n  Our fulfilment center was running 11% over");
    const before = out.indexOf(
      "What this question needs that your story does not have yet:\n- Nothing on safety yet",
    );
    const feedback = out.indexOf("\nOverall ");
    const after = out.indexOf("What this question needed that your story does not have yet:\n");
    expect(before).toBeGreaterThan(0);
    expect(feedback).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(feedback);
    // The short answer has no figure: the gaps are recomputed against it, not the saved story.
    expect(out.slice(after)).toContain("- Nothing on safety yet");
    expect(out.slice(after)).toContain("- No result figure");
    expect(out.slice(feedback, after)).toContain("\nFollow-up ");
  });

  it("picks the bank question at the story's level that fits its top competency", async () => {
    const run = cli(tempDataDir());
    const { "forklift-near-miss": id = "" } = await bank(run, ["forklift-near-miss"]);
    const practised = await run(["practise", id, "--level", "mid"], read("forklift-near-miss"));
    expect(practised.code, practised.stderr).toBe(0);
    expect(practised.stdout).toMatch(/^Q \(saf-[a-z-]+, mid level\): /);
  });

  it("refuses no answer, an unknown story and an unknown question in one line", async () => {
    const run = cli(tempDataDir());
    const { "forklift-near-miss": id = "" } = await bank(run, ["forklift-near-miss"]);
    const empty = await run(["practise", id], "  \n");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(ONE_LINE);
    for (const argv of [
      ["practise", "ffff"],
      ["practise", id, "--question", "nope"],
    ]) {
      const refused = await run(argv, "An answer.");
      expect(refused).toMatchObject({ code: 1, stdout: "" });
      expect(refused.stderr).toMatch(ONE_LINE);
    }
  });
});

describe("limits and bad input", () => {
  it("says what is wrong in one line, exit code 1", async () => {
    const run = cli(tempDataDir());
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [["add", "--title", "Empty"], "   \n\n", /The story is empty/],
      [["add", "--title", "Long"], "x".repeat(20_000), /The story is 20,000 characters; keep it under 6,000/],
      [["add", "--title", " "], read("cycle-count"), /short title/],
      [
        ["add", "--title", "Missing", join(FIXTURES, "no-such-story.txt")],
        undefined,
        /no-such-story\.txt: no such file/,
      ],
    ];
    for (const [argv, input, message] of cases) {
      const refused = await run(argv, input);
      expect(refused.code, argv.join(" ")).toBe(1);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(ONE_LINE);
      expect(refused.stderr).toMatch(message);
    }
    expect(JSON.parse((await run(["list", "--json"])).stdout)).toEqual([]);
  });

  it("a usage mistake shows the usage, exit code 2", async () => {
    const run = cli(tempDataDir());
    for (const [argv, message] of [
      [["frobnicate"], 'unknown stories command "frobnicate"'],
      [[], "say which: add, list"],
      [["add"], "give the story a --title"],
      [["show"], "stories show needs ID"],
      [["list", "--yes"], "stories list does not take --yes"],
      [["coverage", "--level", "intern"], "--level must be one of entry, mid, senior, executive"],
      [["match"], "give --question ID or --question-text TEXT"],
      [["edit", "abc", "--competencies", " , "], "--competencies needs at least one id"],
    ] as Array<[string[], string]>) {
      const wrong = await run(argv);
      expect(wrong.code, argv.join(" ")).toBe(2);
      expect(wrong.stderr).toContain(`${message}`);
      expect(wrong.stderr).toContain("\n\nUsage: star-coach stories add --title T [FILE]");
    }
  });
});

describe("mydata and the story bank", () => {
  it("export includes the stories and delete removes them", async () => {
    const dataDir = tempDataDir();
    const run = cli(dataDir);
    const ids = await bank(run, ["forklift-near-miss", "supplier-delay"]);
    const mydata = (action: string[]) =>
      runInProcess(["mydata", ...action, "--user", "ana"], { env: { DATA_DIR: dataDir } });

    const exported = await mydata(["export"]);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as {
      stories: Array<{ id: string; title: string; text: string }>;
    };
    expect(data.stories.map((s) => s.id).sort()).toEqual(Object.values(ids).sort());
    expect(data.stories.find((s) => s.id === ids["supplier-delay"])?.text).toBe(
      read("supplier-delay").trim(),
    );

    const deleted = await mydata(["delete", "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain("2 stories");
    expect(JSON.parse((await run(["list", "--json"])).stdout)).toEqual([]);
  });
});
