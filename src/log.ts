import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import type { DestinationStream, Logger, default as Pino } from "pino";
import type pretty from "pino-pretty";

export type { Logger } from "pino";

/** Key-based redaction: the paths where a secret can sit in the objects we log. */
const SECRET_KEYS = [
  "token",
  "apiKey",
  "api_key",
  "password",
  "secret",
  "authorization",
  "Authorization",
  "DISCORD_TOKEN",
  "OPENAI_API_KEY",
  "DATABASE_URL",
];
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "*.*.headers.authorization",
  "*.*.headers.Authorization",
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
];

/** Value-based scrubbing for secrets inside strings (an error message quoting a header, a URL with a key). */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Bot)\s+[A-Za-z0-9._~+/-]{8,}=*/g, "$1 [REDACTED]"],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, "[REDACTED]"],
  [/\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b/g, "[REDACTED]"],
  [/(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+@/g, "$1[REDACTED]@"],
  // Discord interaction and webhook tokens, in a URL or on their own ("interaction" in base64).
  [/(\/(?:webhooks|interactions)\/\d+\/)[^/\s"'?#]+/g, "$1:token"],
  [/\baW50ZXJhY3Rpb24[\w.-]{16,}/g, "[REDACTED]"],
];

export function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (s) out = out.split(s).join("[REDACTED]");
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The path of a Discord REST URL, its tokens replaced: `/webhooks/123/:token/messages/@original`. */
export function discordRoute(url: string): string {
  let path = url;
  try {
    path = decodeURIComponent(new URL(url, "http://discord.invalid").pathname);
  } catch {
    // not a URL: the text as it is
  }
  return path
    .replace(/^\/api(?:\/v\d+)?/, "")
    .replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/]+/g, "$1:token");
}

interface DiscordRestError {
  name: string;
  message: string;
  status?: number;
  code?: number | string;
  method?: string;
  url?: string;
}

/**
 * discord.js REST errors (DiscordAPIError, HTTPError, RateLimitError) carry the request's URL, which
 * holds the interaction token, and its body, which holds what the bot was sending (a user's answer).
 */
function isDiscordRestError(err: object): boolean {
  return (
    typeof (err as { url?: unknown }).url === "string" &&
    typeof (err as { method?: unknown }).method === "string" &&
    ("requestBody" in err || "rawError" in err || "route" in err)
  );
}

/**
 * What is logged of a Discord REST error: status, code, method and route, and the field errors by path
 * and code (discord.js puts them in the message, one a line; Discord's texts can quote a value, so
 * only the `path[CODE]` part is kept). Never the body, the URL's token or the stack.
 */
function discordError(err: DiscordRestError): Record<string, unknown> {
  const [first = "", ...lines] = String(err.message).split("\n");
  const fields = lines.map((l) => /^\s*([\w.[\]]+\[[A-Z_]+\])/.exec(l)?.[1]).filter(Boolean);
  return {
    type: (err as { constructor?: { name?: string } }).constructor?.name || err.name,
    message: first.slice(0, 200),
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.code !== undefined ? { code: err.code } : {}),
    method: err.method,
    route: discordRoute(String(err.url)),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

const isErrorLike = (v: unknown): v is Error =>
  v instanceof Error || (typeof v === "object" && v !== null && "message" in v && "stack" in v);

function discordCause(err: Error): boolean {
  let cause = (err as { cause?: unknown }).cause;
  for (let depth = 0; depth < 10 && isErrorLike(cause); depth++) {
    if (isDiscordRestError(cause as object)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** pino's error serializer, with Discord REST errors (and errors that wrap one) reduced to a summary. */
export function serializeError(err: unknown): unknown {
  if (!isErrorLike(err)) return err;
  if (isDiscordRestError(err)) return discordError(err as unknown as DiscordRestError);
  const out = loadPino().stdSerializers.err(err) as unknown as Record<string, unknown>;
  const raw = err as unknown as Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const value = raw[key];
    if (isErrorLike(value)) out[key] = serializeError(value);
  }
  // pino folds causes into the message and stack: where one is a Discord error, keep them apart.
  if (discordCause(err)) {
    out.message = err.message;
    out.stack = err.stack;
    out.cause = serializeError((err as { cause?: unknown }).cause);
  }
  if (Array.isArray(raw.errors)) out.aggregateErrors = raw.errors.map(serializeError);
  return out;
}

export interface LogOptions {
  level?: string | undefined;
  format?: "auto" | "pretty" | "json" | undefined;
  /** Known secret values (from the config) to scrub wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; standard output by default. */
  destination?: Writable | DestinationStream;
}

/** Tests are quiet unless LOG_LEVEL is set on purpose. */
function defaultLevel(): string {
  return process.env.VITEST ? "silent" : "info";
}

/**
 * pino when the first logger is made, and pino-pretty only for a terminal's pretty lines, so that a
 * command that logs nothing loads neither. Both are CommonJS packages: `require` gives what `import` would.
 */
const requireCjs = createRequire(import.meta.url);
const loadPino = (): typeof Pino => requireCjs("pino");
const prettyStream = (): typeof pretty => requireCjs("pino-pretty");

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? defaultLevel();
  const secrets = options.secrets ?? [];
  const format = options.format ?? "auto";
  const wantPretty =
    format === "pretty" || (format === "auto" && !options.destination && process.stdout.isTTY);
  const base = options.destination ?? process.stdout;
  const destination = wantPretty
    ? prettyStream()({ colorize: true, destination: base as Writable, sync: true })
    : base;
  return loadPino()(
    {
      level,
      base: null,
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      serializers: { err: serializeError, error: serializeError },
      hooks: { streamWrite: (s) => scrub(s, secrets) },
    },
    destination as DestinationStream,
  );
}

let root: Logger | undefined;

/** The process-wide logger; `configureLogger` replaces it once the config is parsed. */
export function log(): Logger {
  root ??= createLogger();
  return root;
}

export function configureLogger(options: LogOptions): Logger {
  root = createLogger(options);
  return root;
}
