import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1_420_070_400_000n;
let last = 0n;

/** A Discord snowflake for "now", strictly increasing within this process. */
export function snowflake(at: number = Date.now()): string {
  const candidate = (BigInt(at) - DISCORD_EPOCH) << 22n;
  last = candidate > last ? candidate : last + 1n;
  return last.toString();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Interaction tokens start with base64 "interaction", as Discord's do; the pattern finds them in paths. */
export const INTERACTION_TOKEN_PATTERN = /aW50ZXJhY3Rpb24\.[\w-]+/g;

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24.${randomToken(48)}`;
}

/** Shaped like a real bot token (base64 user id, timestamp, HMAC), so log-redaction can be tested too. */
export function botToken(botUserId: string): string {
  return `${Buffer.from(botUserId).toString("base64url")}.${randomToken(4).slice(0, 6)}.${randomToken(28).slice(0, 38)}`;
}

/** Which shard receives events for a guild (Discord's documented formula). */
export function shardFor(guildId: string | undefined, shardCount: number): number {
  if (guildId === undefined) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
