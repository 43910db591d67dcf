import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";

const QUESTION = ["--question-text", "Tell me about a time you improved dispatch."];

/** `star-coach grade` with standard input a terminal that stays open until the test ends it. */
function atTerminal(argv: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const code = runCli(argv, { stdin, stdout, stderr, env: { NO_COLOR: "1" } });
  /** Resolves once standard error has said `text`. */
  const says = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (err.includes(text)) resolve();
      };
      stderr.on("data", check);
      check();
    });
  return { stdin, code, says, stdout: () => out, stderr: () => err };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe("grade: input mistakes are one line and an exit code, never a stack trace", () => {
  it("a missing file", async () => {
    const run = await runInProcess(["grade", ...QUESTION, "missing.txt"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatchInlineSnapshot(`
      "star-coach grade: missing.txt: no such file. Check the path, or give - to read standard input.
      "
    `);
    expect(run.stdout).toBe("");
  });

  it("a directory, and the same for --jsonl", async () => {
    const dir = mkdtempSync(join(tmpdir(), "star-coach-dir-"));
    const run = await runInProcess(["grade", ...QUESTION, dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `star-coach grade: ${dir} is a directory. Give a file in it, or - to read standard input.\n`,
    );
    const batch = await runInProcess(["grade", "--jsonl", dir]);
    expect(batch.code).toBe(1);
    expect(batch.stderr).toContain("is a directory");
  });

  it("an unknown --question id is refused at once, before waiting for an answer at a terminal", async () => {
    const t = atTerminal(["grade", "--question", "no-such-question"]);
    expect(await t.code).toBe(2);
    expect(t.stderr()).toMatch(
      /^no question has the id "no-such-question"; star-coach questions lists them\n/,
    );
  });

  it("no question at all is a usage error at once", async () => {
    const t = atTerminal(["grade"]);
    expect(await t.code).toBe(2);
    expect(t.stderr()).toContain("give --question ID or --question-text TEXT");
  });
});

describe("grade at a terminal", () => {
  it("says what it is waiting for, then grades what was typed", async () => {
    const t = atTerminal(["grade", "--question", "inv-cycle-count-gap"]);
    await t.says("Ctrl-D");
    expect(t.stderr()).toBe(
      "Type or paste the answer, then press Ctrl-D on an empty line (or give a FILE).\n",
    );
    t.stdin.end(STRONG_ANSWER);
    expect(await t.code).toBe(0);
    expect(t.stdout()).toMatch(/^Overall \d\/5/m);
  });

  it("says what --jsonl is waiting for", async () => {
    const t = atTerminal(["grade", "--jsonl"]);
    await t.says('{"id", "question", "answer"}');
    t.stdin.end(JSON.stringify({ id: "a", question: "inv-cycle-count-gap", answer: STRONG_ANSWER }));
    expect(await t.code).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ id: "a" });
  });

  it("says nothing when the answer is piped", async () => {
    const run = await runInProcess(["grade", ...QUESTION], { input: STRONG_ANSWER });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });
});

describe("grade output", () => {
  it("counts in the singular: 1 word", async () => {
    const run = await runInProcess(["grade", ...QUESTION], { input: "Inventory." });
    expect(run.stdout).toMatch(/\(entry level, 1 word, /);
    expect(run.stdout).not.toMatch(/\b1 words\b/);
  });

  it("prints no escape sequence or control byte from the answer or the question; JSON keeps them escaped", async () => {
    const answer = [
      "At our DC \x1b]52;c;SGVsbG8=\x07the dock was late\x1b[2J and I owned the fix.",
      "I re-sequenced the waves\x9b31m and trained the leads\x1bP1;2qhidden\x1b\\.",
      "On-time dispatch rose from 84% to 98%.\r\x1b[1A",
    ].join("\n");
    const question = "Tell me about \x1b]0;pwned\x07a time you fixed dispatch.";
    const text = await runInProcess(["grade", "--question-text", question], { input: answer });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Q: Tell me about a time you fixed dispatch.");
    for (const line of text.stdout.split("\n")) expect(line).not.toMatch(CONTROL);
    expect(text.stdout).not.toContain("]52;");
    const json = await runInProcess(["grade", "--question-text", question, "--json"], { input: answer });
    expect(json.stdout).not.toMatch(CONTROL);
    const parsed = JSON.parse(json.stdout) as { criteria: Record<string, { evidence: string[] }> };
    const quotes = Object.values(parsed.criteria).flatMap((c) => c.evidence);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(answer).toContain(quote);
  });
});
