import { styleText } from "node:util";
import { StarCoachError } from "../core/errors.js";

/** The streams a command talks to; tests and the real process pass their own. */
export interface CliIO {
  /** A terminal also has a size (columns, rows): output is wrapped to it. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** A terminal's input can be put in raw mode (the terminal practice reads keys, and pastes whole). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

type Style = Parameters<typeof styleText>[0];

/** Colour only for a terminal, and never when NO_COLOR is set. */
export function painter(stream: { isTTY?: boolean }, env: Record<string, string | undefined>) {
  const on = Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== "dumb";
  return (style: Style, text: string): string => (on ? styleText(style, text) : text);
}
export type Paint = ReturnType<typeof painter>;

/** A mistake in how a command was called: shown with its usage, exit code 2. */
export class UsageError extends StarCoachError {
  override readonly name = "UsageError";
}
