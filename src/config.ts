import { z } from "zod";
import { LEVELS } from "./core/levels.js";

/** Unset and empty mean the same thing: a blank line in .env must not count as a value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const httpUrl = z
  .string()
  .url("must be a URL")
  .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://");

export const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(50, "looks too short for a Discord bot token")),
  DISCORD_APP_ID: optional(snowflake),
  DEV_GUILD_ID: optional(snowflake),
  OPENAI_API_KEY: optional(z.string().min(8, "looks too short for an API key")),
  OPENAI_BASE_URL: optional(httpUrl),
  OPENAI_MODEL: optional(z.string().min(1)).transform((v) => v ?? "gpt-4o-mini"),
  DATABASE_URL: optional(
    z.string().refine((u) => /^postgres(ql)?:\/\/.+/.test(u), "must be a postgres:// or postgresql:// URL"),
  ),
  DATA_DIR: optional(z.string()).transform((v) => v ?? "./data"),
  DEFAULT_LEVEL: optional(z.enum(LEVELS, { message: `must be one of ${LEVELS.join(", ")}` })).transform(
    (v) => v ?? "entry",
  ),
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

/** The environment could not be parsed; `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

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
