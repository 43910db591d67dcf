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

/**
 * One scripted reply to POST /v1/audio/transcriptions. With nothing else set, a 200 with `text` (and,
 * when verbose_json was asked for, `segments`, `duration` and `language`: a Whisper server's reply).
 */
export interface TranscriptionReply {
  text?: string;
  segments?: Array<{ start: number; end: number; text: string }>;
  duration?: number;
  /** Answer only `{ text }` whatever was asked, as OpenAI's gpt-4o transcription models do. */
  plain?: boolean;
  /** An HTTP error: the status, with an OpenAI-style error body whose message is `message`. */
  status?: number;
  message?: string;
  error?: { type?: string; param?: string | null; code?: string | null };
  headers?: Record<string, string>;
  delayMs?: number;
  hangUp?: boolean;
  /** Send the status and headers and the first bytes of the body, then nothing more. */
  stallBody?: boolean;
}

/** A transcription request as received: the multipart form's fields and the file (never its bytes' text). */
export interface RecordedTranscription {
  path: string;
  headers: IncomingMessage["headers"];
  model: string;
  responseFormat: string | null;
  timestampGranularities: string[];
  filename: string;
  mimeType: string;
  bytes: number;
  /** The audio as sent, to compare with what the test gave. */
  data: Uint8Array;
}

export type TranscriptionHandler = (
  request: RecordedTranscription,
) => TranscriptionReply | Promise<TranscriptionReply>;

export interface FakeOpenAI {
  /** The base URL to give the client: http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** The most requests open at once so far (received, and not yet answered or given up by the client). */
  readonly maxOpen: number;
  /** Replies used in order, one per request; when they run out, the handler answers. */
  enqueue(...replies: Reply[]): void;
  handle(handler: Handler): void;
  /** POST /v1/audio/transcriptions: what was asked, in order. */
  transcriptions: RecordedTranscription[];
  /** Transcription replies used in order, one per request; when they run out, the handler answers. */
  enqueueTranscription(...replies: TranscriptionReply[]): void;
  handleTranscription(handler: TranscriptionHandler): void;
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

/** Reads a multipart (or urlencoded) form as undici parses it: fields and files. */
async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  return new Request("http://fake.local/", {
    method: "POST",
    headers,
    body: Buffer.concat(chunks),
  }).formData();
}

async function recordTranscription(req: IncomingMessage): Promise<RecordedTranscription> {
  const form = await readForm(req);
  const file = form.get("file");
  const data = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : null;
  };
  return {
    path: req.url ?? "",
    headers: req.headers,
    model: field("model") ?? "",
    responseFormat: field("response_format"),
    timestampGranularities: [
      ...form.getAll("timestamp_granularities[]"),
      ...form.getAll("timestamp_granularities"),
    ].filter((v): v is string => typeof v === "string"),
    filename: file instanceof File ? file.name : "",
    mimeType: file instanceof Blob ? file.type : "",
    bytes: data.byteLength,
    data,
  };
}

const DEFAULT_TRANSCRIPT = "I led the pick-rate project and we cut late orders from 40 to 12 a week.";

function transcriptionBody(request: RecordedTranscription, reply: TranscriptionReply): unknown {
  const text = reply.text ?? DEFAULT_TRANSCRIPT;
  if (reply.plain || request.responseFormat !== "verbose_json") return { text };
  const segments = reply.segments ?? [{ start: 0, end: reply.duration ?? 5, text }];
  return {
    task: "transcribe",
    language: "english",
    duration: reply.duration ?? segments.at(-1)?.end ?? 0,
    text,
    segments: segments.map((s, id) => ({
      id,
      seek: 0,
      start: s.start,
      end: s.end,
      text: s.text,
      tokens: [],
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1.2,
      no_speech_prob: 0.01,
    })),
  };
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
  const transcriptions: RecordedTranscription[] = [];
  const transcriptionQueue: TranscriptionReply[] = [];
  let transcriptionFallback: TranscriptionHandler = () => ({
    status: 500,
    message: "no transcription scripted for this request",
  });
  const transcribe = async (req: IncomingMessage, res: ServerResponse) => {
    const request = await recordTranscription(req);
    transcriptions.push(request);
    let reply: TranscriptionReply;
    try {
      reply = transcriptionQueue.shift() ?? (await transcriptionFallback(request));
    } catch (err) {
      reply = { status: 500, message: `the fake's transcription handler failed: ${String(err)}` };
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
      res.write('{"task": "transcribe", "text": "I led');
      return;
    }
    if (reply.status && reply.status !== 200) {
      const message = reply.message ?? `fake error ${reply.status}`;
      send(
        res,
        reply.status,
        { error: { message, type: "fake_error", param: null, code: null, ...reply.error } },
        reply.headers,
      );
      return;
    }
    send(res, 200, transcriptionBody(request, reply), reply.headers);
  };
  const server = createServer(async (req, res) => {
    if (req.method === "POST" && req.url?.endsWith("/audio/transcriptions")) {
      await transcribe(req, res);
      return;
    }
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
    transcriptions,
    enqueueTranscription: (...replies) => {
      transcriptionQueue.push(...replies);
    },
    handleTranscription: (h) => {
      transcriptionFallback = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
