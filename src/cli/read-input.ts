import { readFile } from "node:fs/promises";

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A file's text, or standard input when no file (or "-") is given. */
export function readTextInput(file: string | undefined, stdin: NodeJS.ReadableStream): Promise<string> {
  return file && file !== "-" ? readFile(file, "utf8") : readStream(stdin);
}
