import { describe, expect, it } from "vitest";
import { latestVsAverageSvg } from "../../src/core/charts/bars.js";
import { AVERAGE_COLORS, CRITERION_COLORS, tint } from "../../src/core/charts/palette.js";
import { latestAndAverage, progressChartSvg } from "../../src/core/charts/progress-chart.js";
import { escapeXml } from "../../src/core/charts/svg.js";
import { trendChartSvg } from "../../src/core/charts/trend.js";
import { CRITERIA } from "../../src/core/criteria.js";
import { balanced, barRects, count, EMPTY, LATEST, PARALLEL, polylines } from "./fixtures.js";

const LINE = /<polyline class="trend-line"/g;
const POINT = /<circle class="trend-point"/g;
const BAR = /<rect class="bar /g;

describe("escapeXml", () => {
  it("escapes the five XML entities and drops control characters", () => {
    expect(escapeXml(`<b>"Tom" & 'Jo'</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jo&apos;&lt;/b&gt;");
    expect(escapeXml("a\u0000b\u001bc")).toBe("a b c");
  });
});

describe("palette", () => {
  it("has six distinct criterion colours, and lighter average colours of the same hue", () => {
    expect(new Set(Object.values(CRITERION_COLORS)).size).toBe(6);
    expect(tint("#000000", 0.5)).toBe("#808080");
    expect(tint("#0072B2", 0)).toBe("#0072B2");
    for (const c of CRITERIA) expect(AVERAGE_COLORS[c]).toBe(tint(CRITERION_COLORS[c], 0.55));
  });
});

describe("trendChartSvg", () => {
  it("draws one line and one point per session for each criterion, on a 0-4 grid, with a legend", () => {
    const svg = trendChartSvg({ trend: PARALLEL });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="560" height="420"')).toBe(true);
    expect(balanced(svg)).toBe(true);
    expect(count(svg, LINE)).toBe(6);
    expect(count(svg, POINT)).toBe(24);
    expect(polylines(svg).map((l) => l.criterion)).toEqual([...CRITERIA]);
    expect(polylines(svg).every((l) => l.points.length === 4)).toBe(true);
    for (const c of CRITERIA) expect(svg).toContain(`stroke="${CRITERION_COLORS[c]}"`);
    expect(count(svg, /<text [^>]*>[0-4]<\/text>/g)).toBeGreaterThanOrEqual(5);
    expect(svg).toContain(">Data evidence</text>");
  });

  it("higher scores are drawn higher", () => {
    const [line] = polylines(trendChartSvg({ trend: PARALLEL }));
    const ys = line?.points.map(([, y]) => y) ?? [];
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
  });

  it("shifts each criterion by a line width, so equal scores do not hide each other", () => {
    const same = Object.fromEntries(CRITERIA.map((c) => [c, [2, 2]])) as unknown as typeof PARALLEL;
    const ys = polylines(trendChartSvg({ trend: same })).map((l) => l.points[0]?.[1] ?? 0);
    expect(ys.slice(1).map((y, i) => y - (ys[i] ?? 0))).toEqual([3, 3, 3, 3, 3]);
    expect(Math.max(...ys) - Math.min(...ys)).toBe(15);
  });

  it("with one session draws points and no lines", () => {
    const trend = { ...EMPTY, situation: [2], task: [1], action: [3], result: [0], data_evidence: [4] };
    const svg = trendChartSvg({ trend });
    expect(count(svg, LINE)).toBe(0);
    expect(count(svg, POINT)).toBe(5);
    expect(svg).not.toContain("No data yet");
  });

  it("breaks a line at a missing value and marks the lone point", () => {
    const trend = { ...PARALLEL, result: [1, null, 2, 3, null, 2] };
    const svg = trendChartSvg({ trend });
    const result = polylines(svg).filter((l) => l.criterion === "result");
    expect(result.map((l) => l.points.length)).toEqual([2]);
    expect(count(svg, /<circle class="trend-point" data-criterion="result"/g)).toBe(4);
  });

  it("clamps out-of-range values and ignores ones that are not numbers", () => {
    const svg = trendChartSvg({ trend: { ...EMPTY, task: [9, Number.NaN, -1] } });
    expect(count(svg, POINT)).toBe(2);
    expect(svg).not.toContain("NaN");
  });

  it("with no sessions says there is no data yet", () => {
    const svg = trendChartSvg({ trend: EMPTY });
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain(">No data yet</text>");
    expect(count(svg, LINE) + count(svg, POINT)).toBe(0);
  });

  it("stops marking points and thins the session labels when there are many sessions", () => {
    const many = Object.fromEntries(CRITERIA.map((c) => [c, Array.from({ length: 60 }, (_, i) => i % 5)]));
    const svg = trendChartSvg({ trend: many as unknown as typeof PARALLEL });
    expect(count(svg, LINE)).toBe(6);
    expect(count(svg, POINT)).toBe(0);
    const labels = [...svg.matchAll(/text-anchor="middle">(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(labels).toEqual([1, 7, 13, 19, 25, 31, 37, 43, 49, 55, 60]);
  });

  it("escapes the title and refuses silly sizes", () => {
    const svg = trendChartSvg({ trend: PARALLEL }, { title: `</text><script>"x"` });
    expect(svg).toContain("&lt;/text&gt;&lt;script&gt;&quot;x&quot;");
    expect(svg).not.toContain("<script");
    expect(balanced(svg)).toBe(true);
    expect(() => trendChartSvg({ trend: PARALLEL }, { width: 10 })).toThrow(RangeError);
    expect(() => trendChartSvg({ trend: PARALLEL }, { height: 5000.5 })).toThrow(RangeError);
  });
});

describe("latestVsAverageSvg", () => {
  it("draws a latest and an average bar per criterion, in the criterion's colours", () => {
    const { average } = latestAndAverage(PARALLEL);
    const svg = latestVsAverageSvg({ ...LATEST, result: 2 }, average);
    expect(balanced(svg)).toBe(true);
    expect(count(svg, BAR)).toBe(12);
    expect(barRects(svg, "latest").map((r) => r.criterion)).toEqual([...CRITERIA]);
    for (const c of CRITERIA) {
      expect(svg).toContain(`data-criterion="${c}" x=`);
      expect(svg).toContain(`fill="${CRITERION_COLORS[c]}"`);
      expect(svg).toContain(`fill="${AVERAGE_COLORS[c]}"`);
    }
  });

  it("bar heights follow the scores, a zero is a sliver and a missing score no bar", () => {
    const svg = latestVsAverageSvg({ ...LATEST, task: 0 }, LATEST);
    const latest = barRects(svg, "latest");
    const height = (c: string) => latest.find((r) => r.criterion === c)?.height ?? -1;
    expect(latest.map((r) => r.criterion)).not.toContain("result");
    expect(height("ownership")).toBeCloseTo(height("situation") * (4 / 3), 0);
    expect(height("task")).toBe(2);
    expect(count(svg, BAR)).toBe(10);
    expect(svg).toContain(">–</text>");
  });

  it("with nothing to show says there is no data yet", () => {
    const nothing = latestAndAverage(EMPTY);
    const svg = latestVsAverageSvg(nothing.latest, nothing.average);
    expect(count(svg, BAR)).toBe(0);
    expect(svg).toContain(">No data yet</text>");
  });
});

describe("progressChartSvg", () => {
  it("puts the trend and the bars side by side in one 1000x420 image", () => {
    const svg = progressChartSvg({ trend: PARALLEL });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420"')).toBe(true);
    expect(balanced(svg)).toBe(true);
    expect(count(svg, LINE)).toBe(6);
    expect(count(svg, BAR)).toBe(12);
    const trendRight = Math.max(...polylines(svg).flatMap((l) => l.points.map(([x]) => x)));
    expect(Math.min(...barRects(svg, "latest").map((r) => r.x))).toBeGreaterThan(trendRight);
  });

  it("compares the latest session (the last trend point unless given) with the mean of the earlier ones", () => {
    const { latest, average } = latestAndAverage(PARALLEL);
    expect(latest.situation).toBe(1.5);
    // [0, 0.5, 1] before the latest 1.5; [2.5, 3, 3.5] before 4: the change history and the report show.
    expect(average.situation).toBe(0.5);
    expect(average.ownership).toBe(3);
    expect(latestAndAverage({ ...EMPTY, task: [2] }).average.task).toBeNull();
    expect(latestAndAverage(PARALLEL, LATEST).latest).toBe(LATEST);
    expect(latestAndAverage({ ...EMPTY, task: [null, 2] }).latest).toMatchObject({ task: 2, result: null });
  });

  it("escapes a heading and still draws the empty state for a new user", () => {
    const svg = progressChartSvg({ trend: EMPTY }, null, { title: "Progress for Zoë <@123> & co" });
    expect(svg).toContain(">Progress for Zoë &lt;@123&gt; &amp; co</text>");
    expect(count(svg, />No data yet<\/text>/g)).toBe(2);
    expect(balanced(svg)).toBe(true);
  });
});
