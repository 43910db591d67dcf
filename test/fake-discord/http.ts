import type { IncomingMessage, ServerResponse } from "node:http";
import type { UploadedFile } from "./types.js";

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data with a `payload_json` part and `files[n]` parts, as discord.js sends. */
export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(req);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (/^multipart\/form-data\b/i.test(type)) {
    let body: unknown;
    const files: UploadedFile[] = [];
    for (const part of parseMultipart(raw, type)) {
      if (part.filename === undefined) {
        if (part.name === "payload_json") body = JSON.parse(part.data.toString("utf8"));
      } else {
        files.push({
          key: part.name,
          name: part.filename,
          contentType: part.contentType ?? "application/octet-stream",
          data: part.data,
        });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
}

interface Part {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

/** The value of `key="..."` in a Content-Disposition header; FormData escapes `"`, CR and LF as %22, %0D, %0A. */
function dispositionParam(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="([^"]*)"`, "i").exec(header);
  return match?.[1]?.replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
}

/**
 * A multipart/form-data body (RFC 7578) split into its parts. `Response.formData()` would do it, but
 * undici deprecates it for servers, so the fake parses the few parts discord.js sends itself.
 */
export function parseMultipart(raw: Buffer, contentType: string): Part[] {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) throw new Error("multipart body without a boundary");
  const delimiter = Buffer.from(`\r\n--${token}`);
  // The first delimiter may open the body without the CRLF before it.
  const first = raw.indexOf(delimiter.subarray(2));
  if (first === -1) throw new Error("multipart body without its boundary");
  const parts: Part[] = [];
  let at = first + delimiter.length - 2;
  for (;;) {
    if (raw.subarray(at, at + 2).toString() === "--") return parts;
    if (!raw.subarray(at, at + 2).equals(CRLF)) throw new Error("malformed multipart delimiter");
    const headersEnd = raw.indexOf(HEADERS_END, at);
    if (headersEnd === -1) throw new Error("multipart part without headers");
    const next = raw.indexOf(delimiter, headersEnd + HEADERS_END.length);
    if (next === -1) throw new Error("multipart body without its closing boundary");
    const headers = new Map<string, string>();
    for (const line of raw
      .subarray(at + 2, Math.max(at + 2, headersEnd))
      .toString("utf8")
      .split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name");
    if (name === undefined) throw new Error("multipart part without a name");
    parts.push({
      name,
      filename: dispositionParam(disposition, "filename"),
      contentType: headers.get("content-type"),
      data: Buffer.from(raw.subarray(headersEnd + HEADERS_END.length, next)),
    });
    at = next + delimiter.length;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
    .end(text);
}
