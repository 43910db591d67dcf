import type { APIEmbed } from "discord.js";
import { type EmbedData, LIMITS } from "../limits.js";

const length = (s: string | undefined) => (s ? Array.from(s).length : 0);

function embedSize(e: EmbedData | APIEmbed): number {
  return (
    length(e.title) +
    length(e.description) +
    length(e.footer?.text) +
    (e.fields ?? []).reduce((n, f) => n + length(f.name) + length(f.value), 0)
  );
}

/** Whether `extra` fits beside `embeds` in one message (10 embeds, 6,000 characters in all). */
export function fitsBeside(embeds: ReadonlyArray<EmbedData | APIEmbed>, extra: EmbedData): boolean {
  if (embeds.length >= 10) return false;
  return embeds.reduce((n, e) => n + embedSize(e), 0) + embedSize(extra) <= LIMITS.embedTotal;
}
