import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";

describe("star-coach questions", () => {
  it("lists mid-level inventory questions", async () => {
    const run = await runInProcess(["questions", "--level", "mid", "--competency", "inventory"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^inv-[a-z0-9-]+ {2}\[inventory; [^\]]*mid[^\]]*\]$/m);
    expect(run.stdout).toMatch(/\d+ questions?\n$/);
  });

  it("gives JSON that a script can read", async () => {
    const run = await runInProcess(["questions", "--competency", "supply", "--json"]);
    const questions = JSON.parse(run.stdout) as Array<{ competency: string; probes: unknown[] }>;
    expect(questions.length).toBeGreaterThan(5);
    expect(new Set(questions.map((q) => q.competency))).toEqual(new Set(["supply-chain"]));
  });

  it("explains a bad level and exits 2", async () => {
    const run = await runInProcess(["questions", "--level", "intern"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--level must be one of entry, mid, senior, executive");
  });

  it("lists its subcommands under --help", async () => {
    const run = await runInProcess(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}questions /m);
    expect(run.stdout).toMatch(/^ {2}start /m);
  });

  it("starts the terminal mode without a Discord token, says what to configure, and exits 0 when input ends", async () => {
    const run = await runInProcess(["start"], { env: { DATA_DIR: tempDataDir() } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("DISCORD_TOKEN");
  });
});
