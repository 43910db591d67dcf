import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { longAnswer, PARAGRAPHS, SHORT_ANSWER, storedAttempts } from "./practice-fixtures.js";
import { CTRL_C, CTRL_D, TerminalDriver } from "./terminal-driver.js";

const ONE_QUESTION = ["--level", "entry", "--focus", "inventory", "--questions", "1", "--no-follow-ups"];

function practice(user: string, dataDir: string, extra: string[] = ONE_QUESTION, tty = true) {
  return new TerminalDriver(["practice", "--user", user, ...extra], { tty, env: { DATA_DIR: dataDir } });
}

describe("answers as people write them", () => {
  it("keeps a pasted answer whole, blank lines and all, in a terminal", async () => {
    const dataDir = tempDataDir();
    const t = practice("paster", dataDir);
    await t.waitFor("Type or paste your answer");
    t.paste(PARAGRAPHS);
    await t.waitFor("[pasted 4 paragraphs");
    t.line();
    await t.waitFor(/Overall \d\/5/);
    await t.waitFor("?");
    t.line();
    await t.waitFor("Interview report");
    expect(await t.done).toBe(0);
    const [attempt] = await storedAttempts(dataDir, "paster");
    expect(attempt?.answerText).toBe(PARAGRAPHS);
    // The paste's word count is the grade's: the same answer never has two lengths on one screen.
    const pasted = t.output.match(/\[pasted 4 paragraphs, (\d+) words/)?.[1];
    expect(pasted).toBeDefined();
    expect(t.output).toMatch(new RegExp(`Overall \\d/5 .* · ${pasted} words`));
    // Nothing of the paste leaked into a later prompt.
    expect(t.output).not.toContain("Please press Enter");
  });

  it("keeps a pasted answer whole from a pipe too, and a 6,000-character one", async () => {
    const dataDir = tempDataDir();
    const long = longAnswer(6000);
    const run = await runInProcess(["practice", "--user", "piper", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir },
      input: `\x1b[200~${long}\x1b[201~\n\n\n`,
    });
    expect(run.code).toBe(0);
    const [attempt] = await storedAttempts(dataDir, "piper");
    expect(attempt?.answerText).toBe(long);
    expect(attempt?.answerText).toHaveLength(6000);
  });

  it("reads a terminal in raw mode with bracketed paste on, and puts both back when it ends", async () => {
    const dataDir = tempDataDir();
    const t = practice("modes", dataDir);
    await t.waitFor("Type or paste your answer");
    expect(t.stdin.isRaw).toBe(true);
    expect(t.output).toContain("\x1b[?2004h");
    t.paste(longAnswer(6000));
    t.line();
    await t.waitFor(/Overall \d\/5/);
    t.line();
    expect(await t.done).toBe(0);
    expect(t.stdin.isRaw).toBe(false);
    expect(t.output.lastIndexOf("\x1b[?2004l")).toBeGreaterThan(t.output.lastIndexOf("\x1b[?2004h"));
    // The reader is closed: nothing keeps the process waiting on standard input.
    expect(t.stdin.listenerCount("data")).toBe(0);
    expect(t.stdin.isPaused()).toBe(true);
    const [attempt] = await storedAttempts(dataDir, "modes");
    expect(attempt?.answerText).toHaveLength(6000);
  });

  it("asks again for an answer of only whitespace instead of grading it", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(["practice", "--user", "blank", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir },
      input: `   \n\t\n\n${SHORT_ANSWER}\n\n\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Nothing to grade yet");
    expect([...run.stdout.matchAll(/Overall \d\/5/g)]).toHaveLength(1);
    const attempts = await storedAttempts(dataDir, "blank");
    expect(attempts.map((a) => a.answerText)).toEqual([SHORT_ANSWER]);
  });

  it("finishes a typed answer with Ctrl-D and still asks the follow-up", async () => {
    const dataDir = tempDataDir();
    const t = practice("ctrl-d", dataDir, [
      "--level",
      "entry",
      "--focus",
      "supply-chain",
      "--questions",
      "1",
    ]);
    await t.waitFor("Type or paste your answer");
    t.send(`${SHORT_ANSWER}${CTRL_D}`);
    await t.waitFor("Follow-up:");
    await t.waitFor("Answer the follow-up");
    t.send(
      `Late trucks fell from 12 a week to 2 within a month after I added a 4 pm cutoff call.\r${CTRL_D}`,
    );
    await t.waitFor(/Overall \d\/5/);
    t.line();
    await t.waitFor("Interview report");
    expect(await t.done).toBe(0);
    const attempts = await storedAttempts(dataDir, "ctrl-d");
    expect(attempts.map((a) => a.kind)).toEqual(["answer", "follow_up"]);
  });

  it("at an empty prompt, Ctrl-D asks whether to end the interview", async () => {
    const dataDir = tempDataDir();
    const t = practice("ender", dataDir, ["--level", "mid", "--focus", "inventory", "--questions", "2"]);
    await t.waitFor("Type or paste your answer");
    t.send(CTRL_D);
    await t.waitFor("End the interview now?");
    t.line("n");
    await t.waitFor("Type or paste your answer");
    t.send(CTRL_D);
    await t.waitFor("End the interview now?");
    t.line("y");
    await t.waitFor("Interview report");
    expect(await t.done).toBe(0);
    expect(await storedAttempts(dataDir, "ender")).toEqual([]);
  });

  it("opens $EDITOR for a long answer with e", async () => {
    const dataDir = tempDataDir();
    const editor = join(dataDir, "fake-editor.sh");
    writeFileSync(editor, `#!/bin/sh\ncat "$(dirname "$0")/written.txt" > "$1"\n`);
    chmodSync(editor, 0o755);
    writeFileSync(join(dataDir, "written.txt"), `${PARAGRAPHS}\n`);
    const t = new TerminalDriver(["practice", "--user", "editor", ...ONE_QUESTION], {
      env: { DATA_DIR: dataDir, EDITOR: editor },
    });
    await t.waitFor("Type or paste your answer");
    t.line("e");
    await t.waitFor(/Overall \d\/5/);
    // The editor ran on the terminal as it was before: raw mode off while it ran, back on after.
    expect(t.stdin.rawModes.slice(0, 3)).toEqual([true, false, true]);
    t.line();
    expect(await t.done).toBe(0);
    const [attempt] = await storedAttempts(dataDir, "editor");
    expect(attempt?.answerText).toBe(PARAGRAPHS);
  });

  it("skips a question with s or /skip without saving an attempt", async () => {
    const dataDir = tempDataDir();
    const run = await runInProcess(
      ["practice", "--user", "skipper", "--level", "mid", "--focus", "inventory", "--questions", "3"].concat(
        "--no-follow-ups",
      ),
      { env: { DATA_DIR: dataDir }, input: `s\n/skip\n${SHORT_ANSWER}\n\n\n` },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Interview report");
    expect(run.stdout).toMatch(/1\. skipped/);
    expect(run.stdout).toMatch(/2\. skipped/);
    const attempts = await storedAttempts(dataDir, "skipper");
    expect(attempts.map((a) => a.answerText)).toEqual([SHORT_ANSWER]);
  });

  it("Ctrl-C stops at once with the interview saved, and gives the terminal back", async () => {
    const dataDir = tempDataDir();
    const t = practice("ctrl-c", dataDir);
    await t.waitFor("Type or paste your answer");
    t.send(`half an answer${CTRL_C}`);
    expect(await t.done).toBe(130);
    expect(t.output).toContain("Your interview is saved");
    expect(t.stdin.isRaw).toBe(false);
    expect(t.output.endsWith("\x1b[?2004l")).toBe(true);
    expect(await storedAttempts(dataDir, "ctrl-c")).toEqual([]);
  });
});
