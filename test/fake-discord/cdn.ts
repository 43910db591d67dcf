import type { IncomingMessage, ServerResponse } from "node:http";
import type { World } from "./world.js";

/** Discord's CDN paths: attachments to messages, and files uploaded with a slash command. */
const CDN_PATH = /^\/(?:ephemeral-)?attachments\/\d+\/\d+\/[^/]+$/;

/** A signed URL like Discord's (`ex`, `is`, `hm`): the fake does not check the signature, only serves it. */
export function cdnUrl(world: World, path: string): string {
  const expires = Math.floor(Date.now() / 1000) + 86_400;
  return `${world.origin}${path}?ex=${expires.toString(16)}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=fake`;
}

/**
 * Serves a CDN download when the request is for one (GET or HEAD on a CDN path, no token needed, as on
 * Discord); returns false for anything else, which the REST router handles.
 */
export function serveCdn(world: World, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? "/", "http://fake");
  if (!CDN_PATH.test(url.pathname)) return false;
  const method = (req.method ?? "GET").toUpperCase();
  const file = method === "GET" || method === "HEAD" ? world.cdn.get(url.pathname) : undefined;
  const status = file ? 200 : 404;
  world.cdnDownloads.push({ path: url.pathname, status });
  if (!file) res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
  else {
    res.writeHead(200, { "content-type": file.contentType, "content-length": file.data.length });
    res.end(method === "HEAD" ? undefined : file.data);
  }
  world.notify();
  return true;
}
