import { describe, expect, it } from "vitest";
import { content } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { ACTION, PARAGRAPHS, RESULT, SITUATION, TASK, visibleLength } from "./practice-fixtures.js";
import { TerminalDriver } from "./terminal-driver.js";

const ONE_QUESTION = ["--level", "entry", "--focus", "inventory", "--questions", "1", "--no-follow-ups"];

const overWidth = (out: string, width: number) => out.split("\n").filter((l) => visibleLength(l) > width);

describe("layout", () => {
  it("wraps everything to 80 columns when the output is not a terminal", async () => {
    const run = await runInProcess(["practice", "--user", "wrap80", "--no-follow-ups"], {
      env: { DATA_DIR: tempDataDir() },
      input: `1\n1\n1\n${[SITUATION, TASK, ACTION, RESULT].join("\n")}\n\nm\nf\n\n`,
    });
    expect(run.stdout).toContain("Interview report");
    // m: the answer rebuilt in STAR order, then the team's model answer, each part labelled.
    expect(run.stdout).toContain("Your answer, restructured");
    expect(run.stdout).toMatch(/A strong answer for (this|another [a-z-]+) question \(entry level\)/);
    expect(run.stdout).toMatch(/^R {2}\S/m);
    expect(overWidth(run.stdout, 80)).toEqual([]);
  });

  it("wraps to the terminal's width without breaking words, and a feedback block fits one 24-row screen", async () => {
    const t = new TerminalDriver(["practice", "--user", "narrow", ...ONE_QUESTION], {
      columns: 60,
      rows: 24,
      env: { DATA_DIR: tempDataDir() },
    });
    await t.waitFor("Type or paste your answer");
    t.paste(PARAGRAPHS);
    t.line();
    await t.waitFor(/Overall \d\/5/);
    const block = await t.waitFor("q to end?");
    // The feedback and the prompt under it fit one screen.
    expect(`Overall${block}`.split("\n").length).toBeLessThanOrEqual(24);
    // The sentences behind each score wait for the "more" key.
    expect(block).not.toContain('"At our Columbus distribution center');
    expect(block.split(/\s+/).join(" ")).toContain("f for the full evidence");
    t.line("f");
    await t.waitFor('"At our Columbus distribution center');
    await t.waitFor("Enter for your report");
    t.line();
    await t.waitFor("Interview report");
    expect(await t.done).toBe(0);
    expect(overWidth(t.output, 60)).toEqual([]);
    // Words are whole: the question's lines, joined with spaces, are the question's text.
    const shown = t.output.match(/Question 1 of 1[^\n]*\n([\s\S]*?)\nType or paste/)?.[1] ?? "";
    expect(shown.split("\n").length).toBeGreaterThan(1);
    expect(content.bank.questions.map((q) => q.text)).toContain(shown.split("\n").join(" "));
  });

  it("counts in the singular: 1 word, 1 session, 1 graded answer", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(["practice", "--user", "one", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir },
      input: "Inventory.\n\n\n",
    });
    expect(run.stdout).toMatch(/\b1 word\b/);
    expect(run.stdout).not.toMatch(/\b1 words\b/);
    const history = await runInProcess(["history", "--user", "one"], { env: { DATA_DIR: dataDir } });
    expect(history.stdout).toContain("Progress: 1 graded answer in 1 session");
  });
});
