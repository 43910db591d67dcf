import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressChartPng } from "../../src/charts/png.js";
import type { Progress } from "../../src/core/interview/report.js";
import { SQLITE_FILE } from "../../src/store/open.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { harness, tempDataDir } from "../helpers/sessions.js";
import { decodePng, ihdr, PNG_SIGNATURE } from "./png-decode.js";

const WEAK = "We had late trucks. I called the carrier. It got better.";
const MIDDLING =
  "At our DC cycle counts were off. I moved fast movers to weekly counts. Accuracy went from 91% to 96%.";

/** Three graded answers on three days: three points on each trend line. */
async function seed(dataDir: string, user: string): Promise<Progress> {
  const { service, store, clock } = await harness({ path: join(dataDir, SQLITE_FILE) });
  const question = service.questionRef("inv-cycle-count-gap");
  for (const [day, text] of [WEAK, MIDDLING, STRONG_ANSWER].entries()) {
    clock.now = new Date(Date.UTC(2026, 1, 2 + day, 9));
    await service.gradeSingle({ userId: user, question, level: "entry", text });
  }
  const progress = await service.progress(user);
  await store.close();
  return progress;
}

describe("star-coach history --png", () => {
  it("writes the progress chart, the same PNG the bot attaches, and prints the path", async () => {
    const dataDir = tempDataDir();
    const progress = await seed(dataDir, "charter");
    const file = join(dataDir, "progress.png");
    const run = await runInProcess(["history", "--user", "charter", "--png", file], {
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Progress: 3 graded answers in 3 sessions");
    expect(run.stdout).toContain(`Chart written to ${file}\n`);
    const png = readFileSync(file);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(ihdr(png)).toMatchObject({ width: 1000, height: 420 });
    expect(decodePng(png).rgba.length).toBe(1000 * 420 * 4);
    expect(progress.trend.result).toHaveLength(3);
    expect(png.equals(progressChartPng(progress))).toBe(true);
  });

  it("keeps stdout pure JSON with --json, and draws the empty chart for a user with no answers", async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "empty.png");
    const run = await runInProcess(["history", "--user", "nobody", "--json", "--png", file], {
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ attempts: 0 });
    expect(run.stderr).toContain(`Chart written to ${file}`);
    expect(ihdr(readFileSync(file))).toMatchObject({ width: 1000, height: 420 });
  });

  it("says so, with exit code 1, when the file cannot be written", async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "missing-folder", "chart.png");
    const run = await runInProcess(["history", "--user", "nobody", "--png", file], {
      env: { DATA_DIR: dataDir },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Could not write the chart to ${file}: ENOENT`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
