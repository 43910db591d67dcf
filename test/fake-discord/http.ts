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
  if (type.startsWith("multipart/form-data")) {
    // The fetch API's own multipart parser, so the fake needs no dependency for it.
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    let body: unknown;
    const files: UploadedFile[] = [];
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") {
        if (key === "payload_json") body = JSON.parse(value);
      } else {
        files.push({
          key,
          name: value.name,
          contentType: value.type || "application/octet-stream",
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
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
