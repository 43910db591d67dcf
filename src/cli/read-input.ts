import { readFile } from "node:fs/promises";
import { StarCoachError } from "../core/errors.js";
import { safeText } from "./terminal/sanitize.js";

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** An input file that cannot be read; the message says what is wrong and what to do, in one line. */
export class InputFileError extends StarCoachError {
  override readonly name = "InputFileError";
  constructor(
    readonly file: string,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

function inputFileError(file: string, err: unknown, orStdin = true): InputFileError {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : null;
  const name = safeText(file);
  const or = (what: string) => (orStdin ? `${what}, or give - to read standard input.` : `${what}.`);
  const what =
    code === "ENOENT"
      ? `${name}: no such file. ${or("Check the path")}`
      : code === "EISDIR"
        ? `${name} is a directory. ${orStdin ? "Give a file in it, or - to read standard input." : "Give a file in it."}`
        : code === "EACCES" || code === "EPERM"
          ? `${name}: permission denied. ${or("Make the file readable")}`
          : `${name}: cannot be read (${code ?? (err instanceof Error ? safeText(err.message) : "unknown error")}).`;
  return new InputFileError(file, code, what);
}

export const isStdin = (file: string | undefined): boolean => !file || file === "-";

/** A file's text, or standard input when no file (or "-") is given. A file that cannot be read is an `InputFileError`. */
export async function readTextInput(file: string | undefined, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === undefined || isStdin(file)) return readStream(stdin);
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw inputFileError(file, err);
  }
}

/** A file's text, where standard input is taken for something else. A file that cannot be read is an `InputFileError`. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw inputFileError(file, err, false);
  }
}
