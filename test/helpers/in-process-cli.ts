import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/main.js";

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a `star-coach` command in this process with in-memory streams: no start-up cost, no spawn. */
export async function runInProcess(
  argv: string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
): Promise<InProcessRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  stdin.end(options.input ?? "");
  const code = await runCli(argv, { stdout, stderr, stdin, env: { NO_COLOR: "1", ...options.env } });
  return { code, stdout: out, stderr: err };
}
