import { CRITERIA } from "../criteria.js";
import { type Change, changeOf } from "../progress/sessions.js";
import { BARS_TITLE, barsPanel, type CriterionValues } from "./bars.js";
import { type ChartOptions, checkSize, score } from "./frame.js";
import { svgDocument, text } from "./svg.js";
import { TREND_TITLE, type TrendSeries, trendPanel } from "./trend.js";

export const PROGRESS_CHART_WIDTH = 1000;
export const PROGRESS_CHART_HEIGHT = 420;
/** The share of the width given to the trend; the bars take the rest. */
const TREND_SHARE = 0.56;
const HEADING = 36;

/**
 * What the bars compare, per criterion: the latest session (`latest` as given, a session report's
 * averages, or else the last trend point) against the mean of the sessions before it. Both come from
 * `changeOf`, the definition of "change" the report and `history` use, so the bars differ by the change
 * those screens show.
 */
export function latestAndAverage(
  trend: TrendSeries,
  latest?: CriterionValues | null,
): { latest: CriterionValues; average: CriterionValues } {
  const pick = (f: (change: Change) => number | null) =>
    Object.fromEntries(
      CRITERIA.map((c) => [c, f(changeOf(trend[c].map((v) => score(v))))]),
    ) as CriterionValues;
  return {
    latest: latest ?? pick((change) => change.latest),
    average: pick((change) => change.earlier),
  };
}

/** The trend (left) and latest-versus-average bars (right) side by side in one image. */
export function progressChartSvg(
  progress: { trend: TrendSeries },
  latest?: CriterionValues | null,
  options: ChartOptions = {},
): string {
  const { width = PROGRESS_CHART_WIDTH, height = PROGRESS_CHART_HEIGHT, title } = options;
  checkSize(width, height);
  const top = title ? HEADING : 0;
  const left = Math.round(width * TREND_SHARE);
  const bars = latestAndAverage(progress.trend, latest);
  const body =
    (title ? text(16, 26, title, { size: 18, weight: "bold" }) : "") +
    trendPanel(progress.trend, { x: 0, y: top, width: left, height: height - top }, TREND_TITLE) +
    barsPanel(
      bars.latest,
      bars.average,
      { x: left, y: top, width: width - left, height: height - top },
      BARS_TITLE,
    );
  return svgDocument(width, height, title ?? "Progress per criterion", body);
}
