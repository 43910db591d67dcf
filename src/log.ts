import type { Writable } from "node:stream";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

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
];

export function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (s) out = out.split(s).join("[REDACTED]");
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
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

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? defaultLevel();
  const secrets = options.secrets ?? [];
  const format = options.format ?? "auto";
  const wantPretty =
    format === "pretty" || (format === "auto" && !options.destination && process.stdout.isTTY);
  const base = options.destination ?? process.stdout;
  const destination = wantPretty
    ? pretty({ colorize: true, destination: base as Writable, sync: true })
    : base;
  return pino(
    {
      level,
      base: null,
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
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
