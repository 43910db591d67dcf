import { AXIS_COLOR, GRID_COLOR, MUTED_TEXT } from "./palette.js";
import { el, text } from "./svg.js";

/** Scores are 0–4 per criterion. */
export const SCORE_MAX = 4;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The plotting area inside a panel, in image coordinates. */
export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Shown as the chart's heading; escaped. */
  title?: string;
}

/** The same margins for every panel, so two panels side by side share their baseline. */
export function plotArea(box: Box): Plot {
  return {
    left: box.x + 44,
    right: box.x + box.width - 16,
    top: box.y + 56,
    bottom: box.y + box.height - 96,
  };
}

/** A score, or null when it is missing or not a finite number; clamped to 0–4. */
export function score(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.min(SCORE_MAX, Math.max(0, value));
}

export function yOf(plot: Plot, value: number): number {
  return plot.bottom - (value / SCORE_MAX) * (plot.bottom - plot.top);
}

/** Horizontal grid lines at 0, 1, 2, 3 and 4 with their labels. */
export function scoreGrid(plot: Plot): string {
  let out = "";
  for (let v = 0; v <= SCORE_MAX; v++) {
    const y = yOf(plot, v);
    out += el("line", {
      x1: plot.left,
      x2: plot.right,
      y1: y,
      y2: y,
      stroke: v === 0 ? AXIS_COLOR : GRID_COLOR,
      "stroke-width": 1,
    });
    out += text(plot.left - 8, y + 4, String(v), { size: 11, color: MUTED_TEXT, anchor: "end" });
  }
  return out;
}

export function panelTitle(box: Box, title: string): string {
  return text(box.x + 16, box.y + 30, title, { size: 16, weight: "bold" });
}

/** The friendly message of a chart with nothing to show yet, centred in the plot. */
export function emptyMessage(plot: Plot, lines: readonly string[]): string {
  const cx = (plot.left + plot.right) / 2;
  const cy = (plot.top + plot.bottom) / 2 - ((lines.length - 1) * 20) / 2;
  return lines
    .map((line, i) =>
      text(cx, cy + i * 20, line, { size: i === 0 ? 15 : 12, color: MUTED_TEXT, anchor: "middle" }),
    )
    .join("");
}

export function checkSize(width: number, height: number): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 200 && n <= 4000;
  if (!ok(width) || !ok(height))
    throw new RangeError(`chart size must be whole pixels from 200 to 4000, got ${width}x${height}`);
}
