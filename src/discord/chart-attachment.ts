import { AttachmentBuilder } from "discord.js";
import type { CriterionAverages, Progress } from "../core/interview/report.js";

export const CHART_FILE = "progress.png";

/**
 * The progress chart (trend per criterion; the latest session against the average) as a file. The
 * renderer (resvg, a native module of a few MB) is loaded with the first chart, not with the bot.
 */
export async function progressChart(
  progress: Progress,
  latest: CriterionAverages | null = null,
): Promise<AttachmentBuilder> {
  const { progressChartPng } = await import("../charts/png.js");
  return new AttachmentBuilder(progressChartPng(progress, latest ?? undefined), { name: CHART_FILE });
}
