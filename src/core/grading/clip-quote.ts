import { elide, windowAround } from "./evidence-quotes.js";

/** A figure as people write one: digits ("$9,000", "96%", "1.2M") or a number word ("forty", "a third"). */
const FIGURE =
  /[$€£]?\d[\d,.]*(?:\s?%)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|third|quarter|doubled|tripled|halved|twice)\b/gi;

/**
 * A quote cut to fit a display (a terminal line, an embed field) without losing its figures: the window
 * holds the span from its first figure to its last when that fits, else its last figure (in "from X to Y"
 * the after value), with "..." where words were left out. A quote that fits is returned as it is.
 */
export function clipQuote(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const room = max - 6;
  const figures = [...t.matchAll(FIGURE)];
  const first = figures[0];
  const last = figures.at(-1);
  let focus: { start: number; end: number } | null = null;
  if (first && last) {
    const end = (last.index ?? 0) + last[0].length;
    focus =
      end - (first.index ?? 0) <= room ? { start: first.index ?? 0, end } : { start: last.index ?? 0, end };
  }
  return elide(t, windowAround(t, room, focus));
}
