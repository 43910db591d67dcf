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
import {
  AVERAGE_COLORS,
  AVERAGE_TINT,
  CRITERION_COLORS,
  LEGEND_NEUTRAL,
  MUTED_TEXT,
  tint,
} from "./palette.js";
import { el, svgDocument, text } from "./svg.js";

/** One value per criterion (`SessionReport["criteria"]`); null where the session had no score. */
export type CriterionValues = Readonly<Record<CriterionId, number | null>>;

export const BARS_TITLE = "Latest session vs earlier sessions";

/** A zero is drawn as a thin bar, so it reads as a score rather than as missing. */
const ZERO_BAR = 2;

function bar(
  kind: "latest" | "average",
  c: CriterionId,
  value: number | null,
  x: number,
  width: number,
  plot: Plot,
): string {
  const color = kind === "latest" ? CRITERION_COLORS[c] : AVERAGE_COLORS[c];
  if (value === null)
    return text(x + width / 2, plot.bottom - 6, "–", { size: 12, color: MUTED_TEXT, anchor: "middle" });
  const top = Math.min(yOf(plot, value), plot.bottom - ZERO_BAR);
  return (
    el("rect", {
      class: `bar bar-${kind}`,
      "data-criterion": c,
      x,
      y: top,
      width,
      height: plot.bottom - top,
      fill: color,
    }) + text(x + width / 2, top - 5, value.toFixed(1), { size: 10, color: MUTED_TEXT, anchor: "middle" })
  );
}

/** Criterion names under their group, a word per line ("Data" / "evidence"). */
function label(c: CriterionId, cx: number, plot: Plot): string {
  return CRITERION_LABELS[c]
    .split(" ")
    .map((word, i) =>
      text(cx, plot.bottom + 18 + i * 14, word, { size: 11, color: MUTED_TEXT, anchor: "middle" }),
    )
    .join("");
}

function legend(plot: Plot): string {
  const items: Array<[string, string]> = [
    ["Latest session", LEGEND_NEUTRAL],
    ["Earlier average", tint(LEGEND_NEUTRAL, AVERAGE_TINT)],
  ];
  const column = (plot.right - plot.left) / 2;
  return items
    .map(([name, color], k) => {
      const x = plot.left + k * column;
      const y = plot.bottom + 62;
      return (
        el("rect", { class: "legend-swatch", x, y: y - 10, width: 14, height: 12, fill: color }) +
        text(x + 22, y, name, { size: 12 })
      );
    })
    .join("");
}

/** The grouped-bar panel drawn into `box` of a larger image. */
export function barsPanel(
  latest: CriterionValues,
  average: CriterionValues,
  box: Box,
  title: string,
): string {
  const plot = plotArea(box);
  const group = (plot.right - plot.left) / CRITERIA.length;
  const width = group * 0.32;
  const empty = CRITERIA.every((c) => score(latest[c]) === null && score(average[c]) === null);
  const body = empty
    ? emptyMessage(plot, ["No data yet", "Your latest session will show here."])
    : CRITERIA.map((c, k) => {
        const cx = plot.left + group * (k + 0.5);
        return (
          bar("latest", c, score(latest[c]), cx - width - 2, width, plot) +
          bar("average", c, score(average[c]), cx + 2, width, plot) +
          label(c, cx, plot)
        );
      }).join("");
  return el("g", { class: "bars" }, panelTitle(box, title) + scoreGrid(plot) + body + legend(plot));
}

/**
 * Grouped bars per criterion: the latest session (solid colour) beside the mean of the user's earlier
 * sessions (lighter).
 */
export function latestVsAverageSvg(
  latest: CriterionValues,
  average: CriterionValues,
  options: ChartOptions = {},
): string {
  const { width = 440, height = 420, title = BARS_TITLE } = options;
  checkSize(width, height);
  return svgDocument(width, height, title, barsPanel(latest, average, { x: 0, y: 0, width, height }, title));
}
