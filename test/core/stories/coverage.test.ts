import { describe, expect, it } from "vitest";
import { competenciesAt, storyCoverage } from "../../../src/core/stories/coverage.js";
import type { StorySummary } from "../../../src/core/stories/types.js";
import { content } from "../../helpers/grade.js";

const s = (id: string, competencies: string[], overall: number | null = 3): StorySummary => ({
  id,
  title: `Story ${id}`,
  competencies,
  overall,
});

/** Every competency asked at entry level but safety and cost, over eight stories. */
const EIGHT = [
  s("a", ["inventory", "process-improvement"], 4),
  s("b", ["quality"], 5),
  s("c", ["scheduling"], 2),
  s("d", ["supply-chain", "customer"], 4),
  s("e", ["leadership"], 3),
  s("f", ["analytics"], null),
  s("g", ["change"], 4),
  s("h", ["communication"], 3),
];

describe("storyCoverage", () => {
  it("covers the competencies asked at the level: strategy is not asked at entry", () => {
    expect(competenciesAt("entry", content.bank)).not.toContain("strategy");
    expect(competenciesAt("executive", content.bank)).toContain("strategy");
  });

  it("names the gaps in words and the weakest story to improve first", () => {
    const c = storyCoverage(EIGHT, "entry", content.bank);
    expect(c.gaps).toEqual(["cost", "safety"]);
    expect(c.competencies.find((x) => x.id === "inventory")).toEqual({
      id: "inventory",
      stories: ["a"],
      covered: true,
    });
    expect(c.weakest).toBe("c");
    expect(c.advice).toMatchInlineSnapshot(`
      [
        "No story for cost or for safety.",
        "Improve *Story c* first: it scored 2/5.",
      ]
    `);
  });

  it("lists three gaps with commas, and counts strategy as a gap at senior level", () => {
    const c = storyCoverage(EIGHT.slice(1), "senior", content.bank);
    expect(c.gaps).toEqual(expect.arrayContaining(["cost", "inventory", "safety", "strategy"]));
    expect(c.advice[1]).toMatch(/^No story for cost, for inventory, .* or for strategy\.$/);
  });

  it("recommends 8 to 12 stories, and warns above 15", () => {
    expect(storyCoverage([], "mid", content.bank).advice).toEqual([
      "Start your story bank: 8–12 stories, each bendable to several questions, cover most interviews.",
    ]);
    expect(storyCoverage(EIGHT.slice(0, 3), "mid", content.bank).advice[0]).toBe(
      "You have 3 stories; aim for 8–12 so every question finds one.",
    );
    const many = [...EIGHT, ...EIGHT.map((x) => ({ ...x, id: `${x.id}2` }))];
    const tooMany = storyCoverage(many, "entry", content.bank).advice;
    expect(tooMany[0]).toBe(
      "You keep 16 stories: more than 15 is more than you can rehearse. Merge retellings and drop the weakest until 8–12 remain.",
    );
    const fifteen = storyCoverage(many.slice(0, 15), "entry", content.bank).advice;
    expect(fifteen.some((a) => a.includes("rehearse") || a.includes("aim for"))).toBe(false);
  });

  it("has no weakest story before any is graded, nor of one 5/5 story, and no advice to improve a 5/5 one", () => {
    expect(storyCoverage([s("x", ["safety"], null)], "entry", content.bank).weakest).toBeNull();
    const top = storyCoverage([s("x", ["safety"], 5)], "entry", content.bank);
    expect(top.weakest).toBeNull();
    expect(top.advice.some((a) => a.startsWith("Improve"))).toBe(false);
    expect(storyCoverage([s("x", ["safety"], 4)], "entry", content.bank).weakest).toBe("x");
    expect(storyCoverage([s("x", ["safety"], 5), s("y", ["cost"], 5)], "entry", content.bank).weakest).toBe(
      "x",
    );
  });
});
