import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/run-cli.js";
import { tempDataDir } from "../helpers/sessions.js";
import { longAnswer, storedAttempts, visibleLength } from "./practice-fixtures.js";

/** util-linux `script` gives the program a real pseudo-terminal: raw mode, the line limit, a width. */
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The real program in a pseudo-terminal of 80 × 24, driven as a person drives it: each key sent only
 * once the prompt it answers is on the screen. Waits are on output and on the process's exit, with
 * generous limits for a loaded machine; nothing is timed.
 */
function startInPty(args: string[], env: Record<string, string>) {
  const command = `stty cols 80 rows 24 && exec ${shellQuote(process.execPath)} ${shellQuote(BIN)} ${args.map(shellQuote).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: ROOT,
    env: { ...process.env, TERM: "xterm-256color", LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  let cursor = 0;
  const listeners = new Set<() => void>();
  child.stdout.on("data", (d: Buffer) => {
    output += d.toString();
    for (const l of [...listeners]) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const waitFor = (text: string, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const at = output.indexOf(text, cursor);
        if (at < 0) return;
        cursor = at + text.length;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${text}" on the screen; it shows:\n${output.slice(cursor)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, exited, waitFor, output: () => output };
}

describe.skipIf(!hasScript)("the real program in a pseudo-terminal", () => {
  it("takes a 6,000-character pasted answer whole, exits 0 after the report, and keeps to 80 columns", async () => {
    const dataDir = tempDataDir();
    const answer = longAnswer(6000);
    const pty = startInPty(
      [
        "practice",
        "--user",
        "pty",
        "--level",
        "entry",
        "--focus",
        "inventory",
        "--questions",
        "1",
        "--no-follow-ups",
      ],
      { DATA_DIR: dataDir },
    );
    try {
      await pty.waitFor("Type or paste your answer");
      // As a terminal pastes: bracketed, each line break a carriage return.
      pty.child.stdin.write(`\x1b[200~${answer.replace(/\n/g, "\r")}\x1b[201~`);
      await pty.waitFor("[pasted 3 paragraphs");
      pty.child.stdin.write("\r");
      await pty.waitFor("Enter for your report");
      pty.child.stdin.write("\r");
      await pty.waitFor("Interview report");
      // It ends by itself: standard input is still open here.
      const code = await Promise.race([
        pty.exited,
        new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 60_000)),
      ]);
      expect(code).toBe(0);
    } finally {
      pty.child.stdin.end();
      pty.child.kill();
    }
    const out = pty.output();
    expect(out.lastIndexOf("\x1b[?2004l")).toBeGreaterThan(out.indexOf("Interview report"));
    const [attempt] = await storedAttempts(dataDir, "pty");
    expect(attempt?.answerText).toBe(answer);
    const wide = out.split("\n").filter((line) => visibleLength(line) > 80);
    expect(wide).toEqual([]);
  }, 180_000);
});
