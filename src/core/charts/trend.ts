import { CRITERIA, CRITERION_LABELS, type CriterionId } from "../criteria.js";
import {
  type Box,
  type ChartOptions,
  checkSize,
  emptyMessage,
  type Plot,
  panelTitle,
  plotArea,
  score,
  scoreGrid,
  yOf,
} from "./frame.js";
import { BACKGROUND, CRITERION_COLORS, MUTED_TEXT } from "./palette.js";
import { el, num, svgDocument, text } from "./svg.js";

/** Per criterion, one average per session, oldest first (`Progress["trend"]`); null where none. */
export type TrendSeries = Readonly<Record<CriterionId, readonly (number | null)[]>>;

/** Past this many sessions the points are not marked, only the lines drawn. */
const MAX_MARKERS = 30;
const INSET = 16;
/**
 * Equal scores would draw lines on top of each other and hide all but the last, so each criterion is
 * shifted by one line width from its neighbour: equal lines read as a ribbon, in legend order from the
 * top. The most any line moves is 7.5 px, about a tenth of a point.
 */
const DODGE = 3;

function dodge(c: CriterionId): number {
  return (CRITERIA.indexOf(c) - (CRITERIA.length - 1) / 2) * DODGE;
}

export const TREND_TITLE = "Trend per criterion (0–4)";

export function sessionCount(trend: TrendSeries): number {
  return Math.max(0, ...CRITERIA.map((c) => trend[c].length));
}

function xOf(plot: Plot, i: number, n: number): number {
  if (n <= 1) return (plot.left + plot.right) / 2;
  return plot.left + INSET + (i * (plot.right - plot.left - 2 * INSET)) / (n - 1);
}

/** Runs of consecutive points that have a value: a null breaks the line. */
function runs(values: readonly (number | null)[]): Array<Array<{ i: number; v: number }>> {
  const out: Array<Array<{ i: number; v: number }>> = [[]];
  values.forEach((raw, i) => {
    const v = score(raw);
    if (v === null) out.push([]);
    else out.at(-1)?.push({ i, v });
  });
  return out.filter((run) => run.length > 0);
}

function series(c: CriterionId, values: readonly (number | null)[], plot: Plot, n: number): string {
  const color = CRITERION_COLORS[c];
  let out = "";
  for (const run of runs(values)) {
    const points = run.map((p) => ({ x: xOf(plot, p.i, n), y: yOf(plot, p.v) + dodge(c) }));
    if (points.length > 1)
      out += el("polyline", {
        class: "trend-line",
        "data-criterion": c,
        points: points.map((p) => `${num(p.x)},${num(p.y)}`).join(" "),
        fill: "none",
        stroke: color,
        "stroke-width": 3,
        "stroke-linejoin": "round",
        "stroke-linecap": "round",
      });
    if (points.length === 1 || n <= MAX_MARKERS)
      for (const p of points)
        out += el("circle", {
          class: "trend-point",
          "data-criterion": c,
          cx: p.x,
          cy: p.y,
          r: 4.5,
          fill: color,
          stroke: BACKGROUND,
          "stroke-width": 1.5,
        });
  }
  return out;
}

function sessionAxis(plot: Plot, n: number): string {
  const step = Math.ceil(n / 10);
  let out = "";
  let last = -step;
  for (let i = 0; i < n; i++) {
    const isLast = i === n - 1;
    if (i % step !== 0 && !(isLast && i - last >= step / 2)) continue;
    out += text(xOf(plot, i, n), plot.bottom + 18, String(i + 1), {
      size: 11,
      color: MUTED_TEXT,
      anchor: "middle",
    });
    last = i;
  }
  const cx = (plot.left + plot.right) / 2;
  return (
    out +
    text(cx, plot.bottom + 36, "Session, oldest to newest", { size: 11, color: MUTED_TEXT, anchor: "middle" })
  );
}

/** Three columns, two rows: a line swatch and the criterion's name. */
function legend(plot: Plot): string {
  const column = (plot.right - plot.left) / 3;
  return CRITERIA.map((c, k) => {
    const x = plot.left + (k % 3) * column;
    const y = plot.bottom + 62 + Math.floor(k / 3) * 20;
    return (
      el("line", {
        class: "legend-swatch",
        "data-criterion": c,
        x1: x,
        x2: x + 20,
        y1: y - 4,
        y2: y - 4,
        stroke: CRITERION_COLORS[c],
        "stroke-width": 4,
        "stroke-linecap": "round",
      }) + text(x + 28, y, CRITERION_LABELS[c], { size: 12 })
    );
  }).join("");
}

/** The trend panel drawn into `box` of a larger image. */
export function trendPanel(trend: TrendSeries, box: Box, title: string): string {
  const plot = plotArea(box);
  const n = sessionCount(trend);
  const body =
    n === 0
      ? emptyMessage(plot, ["No data yet", "Answer a few questions to see your trend."])
      : CRITERIA.map((c) => series(c, trend[c], plot, n)).join("") + sessionAxis(plot, n);
  return el("g", { class: "trend" }, panelTitle(box, title) + scoreGrid(plot) + body + legend(plot));
}

/** A line per criterion across the user's sessions, on a 0–4 scale, with a legend. */
export function trendChartSvg(progress: { trend: TrendSeries }, options: ChartOptions = {}): string {
  const { width = 560, height = 420, title = TREND_TITLE } = options;
  checkSize(width, height);
  return svgDocument(width, height, title, trendPanel(progress.trend, { x: 0, y: 0, width, height }, title));
}
