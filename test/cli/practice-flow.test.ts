import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { ACTION, RESULT, SHORT_ANSWER, SITUATION, TASK } from "./practice-fixtures.js";

/** Output with its line wrapping undone, to find a sentence wherever the width broke it. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const MID_INVENTORY_2 = ["--level", "mid", "--focus", "inventory", "--questions", "2", "--no-follow-ups"];

describe("clear controls", () => {
  it("the next-question prompt takes only its listed keys, and the last one does not offer a next question", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(["practice", "--user", "keys", ...MID_INVENTORY_2], {
      env: { DATA_DIR: dataDir },
      input: `${SHORT_ANSWER}\n\nx\nnext please\n\n${SHORT_ANSWER}\n\n\n`,
    });
    expect(run.code).toBe(0);
    expect([...run.stdout.matchAll(/Please press Enter, or type r, m, f or q\./g)]).toHaveLength(2);
    const [, second = ""] = run.stdout.split("Question 2 of 2");
    expect(second).toContain("Interview report");
    expect(second).not.toContain("Next question");
    expect(second).toMatch(/Enter for your report/);
  });
});

describe("the help says what the keys do", () => {
  it("names m for a strong answer and f for the full evidence, as the prompts do", async () => {
    const help = flat((await runInProcess(["practice", "--help"])).stdout);
    expect(help).toContain("m shows a strong answer and f the full evidence");
    expect(help).not.toContain("m shows the full evidence");
  });
});

describe("every menu choice works or is not offered", () => {
  it("refuses a focus that has no questions at the level asked for, with a usage message", async () => {
    const run = await runInProcess(["practice", "--level", "entry", "--focus", "strategy"], {
      env: { DATA_DIR: tempDataDir() },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Strategy and capital investment has no entry-level questions/);
    expect(run.stderr).toContain("mid, senior, executive");
    expect(run.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  it("does not offer strategy in the focus menu at entry level, and says why when it is typed", async () => {
    const run = await runInProcess(["practice", "--user", "menu", "--level", "entry"], {
      env: { DATA_DIR: tempDataDir() },
      input: "strategy\ninventory\n1\n",
    });
    expect(run.code).toBe(0);
    const menu = run.stdout.slice(0, run.stdout.indexOf("Focus ("));
    expect(menu).toContain("inventory");
    expect(menu).not.toContain("strategy");
    expect(flat(run.stdout)).toContain("Strategy and capital investment has no entry-level questions");
    expect(run.stdout).toContain("Question 1 of 1");
  });

  it("does not offer entry level for strategy", async () => {
    const run = await runInProcess(["practice", "--user", "menu2", "--focus", "strategy"], {
      env: { DATA_DIR: tempDataDir() },
      input: "entry\nmid\n1\n",
    });
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain("Strategy and capital investment has no entry-level questions");
    expect(run.stdout).toMatch(/Question 1 of 1 .* mid/);
  });

  it("says why an interview has fewer questions than --questions asked for", async () => {
    const run = await runInProcess(
      ["practice", "--user", "count", "--level", "mid", "--focus", "strategy", "--questions", "5"],
      { env: { DATA_DIR: tempDataDir() } },
    );
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain(
      "Only 2 questions match mid level and Strategy and capital investment, so this interview has 2.",
    );
    expect(run.stdout).toContain("Question 1 of 2");
  });

  it("gives the number of questions asked for when there are enough", async () => {
    const run = await runInProcess(
      ["practice", "--user", "count5", "--level", "mid", "--focus", "safety", "--questions", "5"],
      { env: { DATA_DIR: tempDataDir() } },
    );
    expect(run.stdout).toContain("Question 1 of 5");
  });

  it("takes practice's flags after `npm start --`", async () => {
    const run = await runInProcess(
      ["start", "--user", "starter", "--level", "mid", "--focus", "inventory", "--questions", "1"],
      { env: { DATA_DIR: tempDataDir() } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Level (");
    // The start-up hint is wrapped like everything else.
    expect(run.stdout).toContain("No DISCORD_TOKEN is set");
    expect(run.stdout.split("\n").filter((l) => l.length > 80)).toEqual([]);
    expect(run.stdout).toMatch(/Question 1 of 1 · Inventory control and MRP\/ERP · mid/);
  });
});

describe("levels explained and remembered", () => {
  it("explains each level with titles from the OM ladder", async () => {
    const run = await runInProcess(["practice", "--user", "levels"], {
      env: { DATA_DIR: tempDataDir() },
    });
    expect(run.stdout).toMatch(/1 entry +coordinator, analyst, production scheduler,/);
    expect(run.stdout).toMatch(/supervisor/);
    expect(run.stdout).toMatch(/2 mid +operations manager/);
    expect(run.stdout).toMatch(/3 senior +director of operations/);
    expect(run.stdout).toMatch(/4 executive +VP of operations, COO/);
  });

  it("makes the last level and focus the defaults next time", async () => {
    const dataDir = tempDataDir();
    const first = await runInProcess(["practice", "--user", "habit", "--no-follow-ups"], {
      env: { DATA_DIR: dataDir },
      input: `mid\ninventory\n1\n${SHORT_ANSWER}\n\n\n`,
    });
    expect(first.stdout).toContain("Interview report");
    const second = await runInProcess(["practice", "--user", "habit", "--no-follow-ups"], {
      env: { DATA_DIR: dataDir },
      input: "\n\n\n",
    });
    expect(second.stdout).toMatch(/Level \(a number or name\)\? \[mid\]/);
    expect(second.stdout).toMatch(/Focus \(.*\)\? \[inventory\]/);
    expect(second.stdout).toMatch(/Question 1 of \d · Inventory control and MRP\/ERP · mid/);
  });
});

describe("resume shows where you were", () => {
  it("shows the question, the answer so far and its feedback, then the prompt", async () => {
    const dataDir = tempDataDir();
    const first = await runInProcess(["practice", "--user", "back", ...MID_INVENTORY_2], {
      env: { DATA_DIR: dataDir },
      input: `${[SITUATION, TASK, ACTION, RESULT].join("\n")}\n\n`,
    });
    expect(first.stdout).toContain("Saved.");
    const question = (first.stdout.match(/Question 1 of 2[^\n]*\n([^\n]+)/)?.[1] ?? "").slice(0, 40);
    expect(question.length).toBeGreaterThan(20);
    const resumed = await runInProcess(["practice", "--user", "back"], {
      env: { DATA_DIR: dataDir },
      input: "\n",
    });
    const out = resumed.stdout;
    const at = (text: string | RegExp) => (typeof text === "string" ? out.indexOf(text) : out.search(text));
    expect(at(question)).toBeGreaterThan(at("Resume it?"));
    expect(at("Your answer so far")).toBeGreaterThan(at(question));
    expect(at("At our Columbus distribution center")).toBeGreaterThan(at("Your answer so far"));
    expect(at(/Overall \d\/5/)).toBeGreaterThan(at("At our Columbus distribution center"));
    expect(at("Next question (Enter)")).toBeGreaterThan(at(/Overall \d\/5/));
  });
});
