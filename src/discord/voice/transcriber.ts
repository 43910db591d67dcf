import type { Config } from "../../config.js";
import { createTranscriber, type Transcriber } from "../../llm/transcribe.js";
import type { Logger } from "../../log.js";

const byConfig = new WeakMap<Config, Transcriber | null>();

/** The bot's transcriber, made once per configuration; null when voice answers are not set up. */
export function transcriberFor(ctx: { config: Config; log: Logger }): Transcriber | null {
  if (!byConfig.has(ctx.config)) byConfig.set(ctx.config, createTranscriber(ctx.config, ctx.log));
  return byConfig.get(ctx.config) ?? null;
}
