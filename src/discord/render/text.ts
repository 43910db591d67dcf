import { escapeMarkdown } from "discord.js";
import { clipQuote } from "../../core/grading/clip-quote.js";

const BAR = ["○○○○", "●○○○", "●●○○", "●●●○", "●●●●"];

export function scoreBar(score: number): string {
  return BAR[Math.max(0, Math.min(4, score))] ?? "";
}

/** A candidate's words inside an embed: markdown escaped, shortened, quoted. */
export function quoteUser(text: string, max = 300): string {
  return `> ${escapeMarkdown(clipQuote(text, max))}`;
}

export const COLORS = { low: 0xd9534f, mid: 0xf0ad4e, high: 0x5cb85c, neutral: 0x5865f2 } as const;

export function colorFor(overall: number | null): number {
  if (overall === null) return COLORS.neutral;
  return overall <= 2 ? COLORS.low : overall === 3 ? COLORS.mid : COLORS.high;
}
