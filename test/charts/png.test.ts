import { describe, expect, it } from "vitest";
import { progressChartPng, svgToPng } from "../../src/charts/png.js";
import { AVERAGE_COLORS, BACKGROUND, CRITERION_COLORS } from "../../src/core/charts/palette.js";
import { progressChartSvg } from "../../src/core/charts/progress-chart.js";
import { CRITERIA, type CriterionId } from "../../src/core/criteria.js";
import { barRects, EMPTY, LATEST, PARALLEL, polylines } from "./fixtures.js";
import { type Decoded, decodePng, distance, ihdr, PNG_SIGNATURE, pixelAt } from "./png-decode.js";

const color = (c: string) => CRITERION_COLORS[c as CriterionId];

/** Every check of the rendered chart against the markup it came from. */
function expectChartPixels(image: Decoded, svg: string): void {
  for (const kind of ["latest", "average"] as const) {
    const rects = barRects(svg, kind);
    expect(rects.length).toBeGreaterThan(0);
    for (const r of rects) {
      const want = kind === "latest" ? color(r.criterion) : AVERAGE_COLORS[r.criterion as CriterionId];
      expect(distance(pixelAt(image, r.x + r.width / 2, r.y + r.height / 2), want), r.criterion).toBeLessThan(
        8,
      );
    }
  }
  const lines = polylines(svg);
  expect(lines).toHaveLength(6);
  for (const { criterion, points } of lines)
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1] ?? [0, 0];
      const [x1, y1] = points[i] ?? [0, 0];
      const mid = pixelAt(image, (x0 + x1) / 2, (y0 + y1) / 2);
      expect(distance(mid, color(criterion)), `${criterion} segment ${i}`).toBeLessThan(40);
    }
  // The background: the corners, and the gap between two bar groups halfway up the plot.
  for (const [x, y] of [
    [2, 2],
    [image.width - 3, 2],
    [image.width - 3, image.height - 3],
  ] as const)
    expect(distance(pixelAt(image, x, y), BACKGROUND)).toBeLessThan(3);
  const [average] = barRects(svg, "average");
  const next = barRects(svg, "latest")[1];
  if (!average || !next) throw new Error("bars missing");
  const gap = pixelAt(image, (average.x + average.width + next.x) / 2, average.y + 10);
  expect(distance(gap, BACKGROUND)).toBeLessThan(3);
}

describe("progressChartPng", () => {
  it("is a PNG of the requested size: signature and IHDR", () => {
    const png = progressChartPng({ trend: PARALLEL });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(ihdr(png)).toMatchObject({ width: 1000, height: 420 });
    const small = progressChartPng({ trend: PARALLEL }, null, { width: 800, height: 360 });
    expect(ihdr(small)).toMatchObject({ width: 800, height: 360 });
    expect(decodePng(small).rgba.length).toBe(800 * 360 * 4);
  });

  it("draws each bar and line in its criterion's colour on a white background", () => {
    const svg = progressChartSvg({ trend: PARALLEL }, LATEST);
    const image = decodePng(progressChartPng({ trend: PARALLEL }, LATEST));
    expectChartPixels(image, svg);
    // The result had no score in the latest session: no bar, so its slot is background.
    const result = barRects(svg, "average").find((r) => r.criterion === "result");
    if (!result) throw new Error("no average bar for result");
    const slot = pixelAt(image, result.x - result.width / 2 - 2, result.y + result.height - 4);
    expect(distance(slot, BACKGROUND)).toBeLessThan(3);
  });

  it("keeps every line visible when all criteria have the same scores", () => {
    const flat = Object.fromEntries(CRITERIA.map((c) => [c, [2, 2, 2]])) as unknown as typeof PARALLEL;
    const image = decodePng(progressChartPng({ trend: flat }));
    for (const { criterion, points } of polylines(progressChartSvg({ trend: flat }))) {
      const [[x0, y], [x1]] = points as [[number, number], [number, number]];
      expect(distance(pixelAt(image, (x0 + x1) / 2, y), color(criterion)), criterion).toBeLessThan(8);
    }
  });

  it("renders without any fonts: the same bars and lines, no text", () => {
    const options = { title: "Progress for Sam", systemFonts: false } as const;
    const svg = progressChartSvg({ trend: PARALLEL }, LATEST, options);
    const image = decodePng(progressChartPng({ trend: PARALLEL }, LATEST, options));
    expect([image.width, image.height]).toEqual([1000, 420]);
    expectChartPixels(image, svg);
    for (let x = 10; x < 300; x++)
      for (let y = 8; y < 30; y++) expect(distance(pixelAt(image, x, y), BACKGROUND)).toBeLessThan(3);
  });

  it("for a new user draws the empty chart: no criterion colour inside the plots", () => {
    const image = decodePng(progressChartPng({ trend: EMPTY }));
    expect([image.width, image.height]).toEqual([1000, 420]);
    const palette = Object.values(CRITERION_COLORS);
    let coloured = 0;
    for (let y = 56; y <= 330; y++)
      for (let x = 0; x < image.width; x++) {
        const p = pixelAt(image, x, y);
        if (palette.some((c) => distance(p, c) < 40)) coloured++;
      }
    expect(coloured).toBe(0);
  });

  it("renders titles with markup characters and control characters", () => {
    const png = progressChartPng({ trend: PARALLEL }, null, { title: `<Zoë & "co">\u0000\u001b]0;` });
    expect(ihdr(png)).toMatchObject({ width: 1000, height: 420 });
  });

  it("refuses markup that is not SVG", () => {
    expect(() => svgToPng("<svg><g></svg>")).toThrow();
  });
});
