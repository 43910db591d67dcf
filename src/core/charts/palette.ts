import type { CriterionId } from "../criteria.js";

/**
 * One colour per criterion (the Okabe–Ito colour-blind-safe set, without yellow and black), used for the
 * trend lines and the "latest session" bars. Tests look for these exact colours in rendered pixels.
 */
export const CRITERION_COLORS: Readonly<Record<CriterionId, string>> = {
  situation: "#0072B2",
  task: "#E69F00",
  action: "#009E73",
  result: "#D55E00",
  data_evidence: "#CC79A7",
  ownership: "#56B4E9",
};

/** How far the "your average" bars are mixed toward white: same hue as the criterion, lighter. */
export const AVERAGE_TINT = 0.55;

export const BACKGROUND = "#FFFFFF";
export const TEXT_COLOR = "#1F2937";
export const MUTED_TEXT = "#6B7280";
export const GRID_COLOR = "#E5E7EB";
export const AXIS_COLOR = "#9CA3AF";
/** The neutral swatch of the latest-versus-average legend. */
export const LEGEND_NEUTRAL = "#4B5563";

/** Fonts in order of preference; with none installed the text is simply not drawn. */
export const FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

const hex2 = (n: number) => Math.round(n).toString(16).padStart(2, "0").toUpperCase();

/** `#RRGGBB` mixed toward white by `amount` (0 = unchanged, 1 = white). */
export function tint(color: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  return `#${channels.map((c) => hex2(c + (255 - c) * amount)).join("")}`;
}

/** The lighter colour of each criterion's "your average" bar. */
export const AVERAGE_COLORS: Readonly<Record<CriterionId, string>> = Object.fromEntries(
  Object.entries(CRITERION_COLORS).map(([c, color]) => [c, tint(color, AVERAGE_TINT)]),
) as Record<CriterionId, string>;
