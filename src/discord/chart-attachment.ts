import { AttachmentBuilder } from "discord.js";
import { progressChartPng } from "../charts/png.js";
import type { CriterionAverages, Progress } from "../core/interview/report.js";

export const CHART_FILE = "progress.png";

/** The progress chart (trend per criterion; the latest session against the average) as a file. */
export function progressChart(
  progress: Progress,
  latest: CriterionAverages | null = null,
): AttachmentBuilder {
  return new AttachmentBuilder(progressChartPng(progress, latest ?? undefined), { name: CHART_FILE });
}
