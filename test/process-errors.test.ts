import { spawn } from "node:child_process";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import {
  clearUnhandledRejectionPolicy,
  exitOnUnhandled,
  keepRunningOnUnhandled,
  logAndContinue,
  onUnhandledRejection,
} from "../src/process-errors.js";
import { captureLog } from "./helpers/log-capture.js";
import { ROOT } from "./helpers/run-cli.js";

function runFixture(mode: "cli" | "bot"): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(LOG_|VITEST)/.test(k)) env[k] = v;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "test", "fixtures", "unhandled-rejection.ts"), mode],
      { cwd: ROOT, env: { ...env, NO_COLOR: "1" } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const restores: Array<() => void> = [];
afterEach(() => {
  for (const restore of restores.splice(0).reverse()) restore();
});

describe("unhandled rejections: never silent", () => {
  it("the CLI's policy writes a clear message and exits with code 1", () => {
    const stderr = new PassThrough();
    let text = "";
    stderr.on("data", (d: Buffer) => {
      text += d.toString();
    });
    const exits: number[] = [];
    exitOnUnhandled(stderr, {}, (code) => exits.push(code))(new Error("lost"));
    expect(exits).toEqual([1]);
    expect(text).toBe(
      "star-coach: internal error, stopping (an operation failed and nothing handled it): Error: lost\n",
    );
  });

  it("the bot's policy logs each one at error level with the error and a running count", () => {
    const logs = captureLog("info");
    const counter = logAndContinue(logs.log);
    counter.handler(new Error("one"));
    counter.handler("two");
    expect(counter.count()).toBe(2);
    const lines = logs.with("unhandled promise rejection; the bot keeps running");
    expect(lines.map((l) => [l.level, l.unhandledRejections])).toEqual([
      [50, 1],
      [50, 2],
    ]);
    expect(lines[0]?.err).toMatchObject({ message: "one", type: "Error" });
    expect(lines[1]?.err).toBe("two");
  });

  it("one process-wide listener, whose policy the bot replaces and puts back", async () => {
    const before = process.listenerCount("unhandledRejection");
    const seen: string[] = [];
    restores.push(onUnhandledRejection(() => seen.push("cli")));
    const logs = captureLog("info");
    const bot = keepRunningOnUnhandled(logs.log);
    restores.push(() => bot.uninstall());
    expect(process.listenerCount("unhandledRejection")).toBe(before + 1);
    process.emit("unhandledRejection", new Error("while the bot runs"), Promise.resolve());
    expect(seen).toEqual([]);
    expect(bot.count()).toBe(1);
    bot.uninstall();
    process.emit("unhandledRejection", new Error("after"), Promise.resolve());
    expect(seen).toEqual(["cli"]);
  });

  it("the CLI's entry point turns an unexpected error into one line and exit code 1", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    // Standard input failing mid-read: nothing a command expects (a bad DATA_DIR, say, is a set-up
    // mistake with its own message: test/cli/startup-errors.test.ts).
    const stdin = new Readable({
      read() {
        this.destroy(new Error("read failed"));
      },
    });
    stdout.resume();
    let text = "";
    stderr.on("data", (d: Buffer) => {
      text += d.toString();
    });
    const exits: number[] = [];
    const before = process.listenerCount("unhandledRejection");
    restores.push(clearUnhandledRejectionPolicy);
    const code = await main(
      ["grade", "--grader", "offline", "--question-text", "Tell me about a time you cut lead time."],
      { stdout, stderr, stdin, env: { NO_COLOR: "1" } },
      (c) => exits.push(c),
    );
    // The CLI's policy is installed for the rest of the process (afterEach takes it off again).
    expect(process.listenerCount("unhandledRejection")).toBe(before + 1);
    expect(code).toBe(1);
    expect(exits).toEqual([1]);
    expect(text).toBe("star-coach grade: failed: Error: read failed\n");
  });

  it("a real CLI process: a lost promise ends it with a clear message and code 1, no stack trace", async () => {
    const run = await runFixture("cli");
    expect(run.stdout).toContain("HELP DONE");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "star-coach: internal error, stopping (an operation failed and nothing handled it): Error: a grade that nobody awaited\n",
    );
  }, 30_000);

  it("a real bot process: lost promises are logged and counted, and it keeps running", async () => {
    const run = await runFixture("bot");
    expect(run.code).toBe(0);
    const lines = run.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const errors = lines.filter((l) => l.msg === "unhandled promise rejection; the bot keeps running");
    expect(
      errors.map((l) => [l.level, l.unhandledRejections, (l.err as { message?: string }).message]),
    ).toEqual([
      [50, 1, "first lost promise"],
      [50, 2, "second lost promise"],
    ]);
    expect(lines.at(-1)).toMatchObject({ msg: "still running", unhandledRejections: 2 });
  }, 30_000);
});
