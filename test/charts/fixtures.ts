import type { CriterionValues } from "../../src/core/charts/bars.js";
import type { TrendSeries } from "../../src/core/charts/trend.js";
import { CRITERIA } from "../../src/core/criteria.js";

/** Four sessions; each criterion rises by 0.5 a session from its own start, so no two lines touch. */
export const PARALLEL: TrendSeries = Object.fromEntries(
  CRITERIA.map((c, k) => [c, [0, 1, 2, 3].map((i) => k * 0.5 + i * 0.5)]),
) as unknown as TrendSeries;

export const EMPTY: TrendSeries = Object.fromEntries(CRITERIA.map((c) => [c, []])) as unknown as TrendSeries;

export const LATEST: CriterionValues = {
  situation: 3,
  task: 2.5,
  action: 3.5,
  result: null,
  data_evidence: 1,
  ownership: 4,
};

export interface Rect {
  criterion: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const attr = (tag: string, name: string) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1] ?? "";

/** The bars of one kind in an SVG, read back from the markup. */
export function barRects(svg: string, kind: "latest" | "average"): Rect[] {
  return [...svg.matchAll(new RegExp(`<rect class="bar bar-${kind}"[^>]*>`, "g"))].map(([tag]) => ({
    criterion: attr(tag, "data-criterion"),
    x: Number(attr(tag, "x")),
    y: Number(attr(tag, "y")),
    width: Number(attr(tag, "width")),
    height: Number(attr(tag, "height")),
  }));
}

/** Each trend line's criterion and its points. */
export function polylines(svg: string): Array<{ criterion: string; points: Array<[number, number]> }> {
  return [...svg.matchAll(/<polyline class="trend-line"[^>]*>/g)].map(([tag]) => ({
    criterion: attr(tag, "data-criterion"),
    points: attr(tag, "points")
      .split(" ")
      .map((p) => p.split(",").map(Number) as [number, number]),
  }));
}

export const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;

/** Every opened tag is closed in order, and there is one root `<svg>`: well-formed enough for our markup. */
export function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)\b[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? "");
  }
  return stack.length === 0 && svg.startsWith("<svg") && svg.endsWith("</svg>");
}
