import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { LEVELS } from "./core/levels.js";

export { ConfigError };

/** Unset and empty mean the same thing: a blank line in .env must not count as a value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const httpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) =>
    typeof issue.input === "string" && /^https?:\/\//i.test(issue.input)
      ? "must be a URL"
      : "must start with http:// or https://",
});

/** A daily token budget; 0 means unlimited. */
const tokenBudget = z.coerce
  .number({ message: "must be a number of tokens (0 for unlimited)" })
  .int("must be a whole number of tokens")
  .min(0, "must be 0 (unlimited) or more");

export const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(50, "looks too short for a Discord bot token")),
  DISCORD_APP_ID: optional(snowflake),
  DEV_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(httpUrl),
  GRADE_COOLDOWN_SECONDS: optional(z.coerce.number().int().min(0).max(3600)).transform((v) => v ?? 20),
  DISCORD_SHARDS: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        (v) => v === "auto" || (/^\d+$/.test(v) && Number(v) >= 1),
        "must be auto or a whole number of shards (1 or more)",
      )
      .transform((v) => (v === "auto" ? "auto" : Number(v))),
  ).transform((v): number | "auto" => v ?? "auto"),
  OPENAI_API_KEY: optional(z.string().min(8, "looks too short for an API key")),
  OPENAI_BASE_URL: optional(httpUrl),
  OPENAI_MODEL: optional(z.string().min(1)).transform((v) => v ?? "gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: optional(
    z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1000, "must be at least 1000 (one second)")
      .max(300_000, "must be at most 300000 (five minutes)"),
  ).transform((v) => v ?? 20_000),
  /** The speech-to-text model for voice answers (an OpenAI model, or the model a self-hosted Whisper server names). */
  TRANSCRIBE_MODEL: optional(z.string().trim().min(1)).transform((v) => v ?? "gpt-4o-mini-transcribe"),
  /** Where audio is sent for transcription; unset, OPENAI_BASE_URL (or OpenAI's own API). */
  TRANSCRIBE_BASE_URL: optional(httpUrl),
  /** How long one transcription may take, retry included, before it fails (audio takes longer than a grade). */
  TRANSCRIBE_TIMEOUT_MS: optional(
    z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1000, "must be at least 1000 (one second)")
      .max(600_000, "must be at most 600000 (ten minutes)"),
  ).transform((v) => v ?? 60_000),
  LLM_DAILY_TOKENS_PER_USER: optional(tokenBudget).transform((v) => v ?? 0),
  LLM_DAILY_TOKENS_PER_GUILD: optional(tokenBudget).transform((v) => v ?? 0),
  GRADING_WORKERS: optional(
    z.coerce
      .number({ message: "must be a number of worker threads" })
      .int("must be a whole number of worker threads")
      .min(0, "must be 0 (grade on the bot's own thread) or more")
      .max(16, "must be at most 16"),
  ).transform((v) => v ?? 1),
  DATABASE_URL: optional(
    z
      .string()
      .refine((u) => /^postgres(ql)?:\/\/.+/.test(u), "must be a postgres:// or postgresql:// URL")
      .refine(
        (u) => !/^postgres(ql)?:\/\/.+/.test(u) || URL.canParse(u),
        "is not a valid URL: write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, with special characters in the password percent-encoded (@ as %40, : as %3A, / as %2F)",
      ),
  ),
  DATA_DIR: optional(z.string()).transform((v) => v ?? "./data"),
  DEFAULT_LEVEL: optional(z.enum(LEVELS, { message: `must be one of ${LEVELS.join(", ")}` })).transform(
    (v) => v ?? "entry",
  ),
  SESSION_IDLE_MINUTES: optional(z.coerce.number().int().min(1).max(10_080)).transform((v) => v ?? 60),
  RETENTION_DAYS: optional(z.coerce.number().int().min(0).max(3650)).transform((v) => v ?? 0),
  LOG_LEVEL: optional(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    }),
  ),
  LOG_FORMAT: optional(
    z.enum(["auto", "pretty", "json"], { message: "must be auto, pretty or json" }),
  ).transform((v) => v ?? "auto"),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment once. Throws ConfigError listing every problem, never a zod stack. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(problems);
}

/** The secret values in a config, so the logger can scrub them from any output. */
export function secretsOf(config: Config): string[] {
  return [config.DISCORD_TOKEN, config.OPENAI_API_KEY, passwordOf(config.DATABASE_URL)].filter(
    (s): s is string => typeof s === "string" && s.length >= 6,
  );
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}
