import { Resvg } from "@resvg/resvg-js";
import type { CriterionValues } from "../core/charts/bars.js";
import type { ChartOptions } from "../core/charts/frame.js";
import { progressChartSvg } from "../core/charts/progress-chart.js";
import type { TrendSeries } from "../core/charts/trend.js";

export interface RenderOptions {
  /**
   * Look for installed fonts (default true). A machine with none still renders: text is left out, and
   * the bars and lines carry the information.
   */
  systemFonts?: boolean;
}

/** Renders an SVG document to PNG bytes at the document's own width and height. */
export function svgToPng(svg: string, options: RenderOptions = {}): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "original" },
    font: { loadSystemFonts: options.systemFonts ?? true },
    logLevel: "off",
  });
  return resvg.render().asPng();
}

/**
 * The progress chart as a PNG: per-criterion trend over the user's sessions and the latest session
 * (`latest`, or else the last trend point) against the user's average. 1000×420 unless sized.
 */
export function progressChartPng(
  progress: { trend: TrendSeries },
  latest?: CriterionValues | null,
  options: ChartOptions & RenderOptions = {},
): Buffer {
  return svgToPng(progressChartSvg(progress, latest, options), options);
}
