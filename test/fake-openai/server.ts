import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted reply. With nothing else set, a 200 completion whose content is `content`. */
export interface Reply {
  /** The assistant message's content: a string as is, anything else JSON-encoded. */
  content?: unknown;
  refusal?: string;
  finishReason?: "stop" | "length" | "content_filter";
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Sent as `usage` exactly as given, for a server that reports it wrongly (a count missing, negative). */
  rawUsage?: unknown;
  /** An HTTP error instead of a completion: the status, with an OpenAI-style error body. */
  status?: number;
  /** The error body's fields, as OpenAI sends them (`param`, `code`…); `content` is the message. */
  error?: { type?: string; param?: string | null; code?: string | null };
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection without answering. */
  hangUp?: boolean;
  /** Send the status and headers and the first bytes of the body, then nothing more: a stalled stream. */
  stallBody?: boolean;
  /**
   * Send the status and headers at once, then the whole completion `bytes` bytes (default 1) every
   * `everyMs`: a body that keeps arriving, too slowly to ever be a reply in time (a slow-loris server).
   */
  dripBody?: { everyMs: number; bytes?: number };
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    temperature?: number;
    max_tokens?: number;
    max_completion_tokens?: number;
    messages: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  };
  system: string;
  user: string;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeOpenAI {
  /** The base URL to give the client: http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** The most requests open at once so far (received, and not yet answered or given up by the client). */
  readonly maxOpen: number;
  /** Replies used in order, one per request; when they run out, the handler answers. */
  enqueue(...replies: Reply[]): void;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

let completionCount = 0;

function completion(request: RecordedRequest, reply: Reply) {
  const content =
    reply.content === undefined || reply.content === null
      ? null
      : typeof reply.content === "string"
        ? reply.content
        : JSON.stringify(reply.content);
  const usage = reply.usage ?? {
    prompt_tokens: Math.ceil((request.system.length + request.user.length) / 4),
    completion_tokens: Math.ceil((content ?? "").length / 4),
  };
  completionCount++;
  return {
    id: `chatcmpl-fake-${completionCount}`,
    object: "chat.completion",
    created: 1_764_000_000 + completionCount,
    model: request.body.model,
    system_fingerprint: "fp_fake",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: reply.refusal ?? null, annotations: [] },
        logprobs: null,
        finish_reason: reply.finishReason ?? "stop",
      },
    ],
    usage:
      "rawUsage" in reply
        ? reply.rawUsage
        : { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A Chat Completions server on 127.0.0.1 that scripts its replies, delays and faults, and records every
 * request, for running the real `openai` client in tests without the internet.
 */
export async function startFakeOpenAI(handler?: Handler): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let open = 0;
  let maxOpen = 0;
  let fallback: Handler = handler ?? (() => ({ status: 500, content: "no reply scripted for this request" }));
  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      send(res, 404, {
        error: { message: `unknown route ${req.method} ${req.url}`, type: "invalid_request_error" },
      });
      return;
    }
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.once("close", () => open--);
    const body = JSON.parse(await readBody(req)) as RecordedRequest["body"];
    const text = (role: string) => body.messages.find((m) => m.role === role)?.content ?? "";
    const request: RecordedRequest = {
      path: req.url,
      headers: req.headers,
      body,
      system: text("system"),
      user: text("user"),
    };
    requests.push(request);
    let reply: Reply;
    try {
      reply = queue.shift() ?? (await fallback(request));
    } catch (err) {
      reply = { status: 500, content: `the fake's handler failed: ${String(err)}` };
    }
    if (reply.delayMs) {
      const closed = new Promise<void>((resolve) => res.once("close", () => resolve()));
      await Promise.race([new Promise((r) => setTimeout(r, reply.delayMs)), closed]);
    }
    if (reply.hangUp) {
      req.socket.destroy();
      return;
    }
    if (reply.stallBody) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": "chatcmpl-stalled", "object": "chat.completion", "choices": [');
      return;
    }
    if (reply.dripBody) {
      const body = Buffer.from(JSON.stringify(completion(request, reply)));
      const step = Math.max(1, reply.dripBody.bytes ?? 1);
      res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body.subarray(at, at + step));
        at += step;
      }, reply.dripBody.everyMs);
      res.once("close", () => clearInterval(timer));
      return;
    }
    if (reply.status && reply.status !== 200) {
      const message = typeof reply.content === "string" ? reply.content : `fake error ${reply.status}`;
      send(
        res,
        reply.status,
        { error: { message, type: "fake_error", param: null, code: null, ...reply.error } },
        reply.headers,
      );
      return;
    }
    send(res, 200, completion(request, reply), reply.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxOpen() {
      return maxOpen;
    },
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    handle: (h) => {
      fallback = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
