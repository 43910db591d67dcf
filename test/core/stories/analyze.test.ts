import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeStory } from "../../../src/core/stories/analyze.js";
import { content } from "../../helpers/grade.js";
import { LOCKOUT, OVERTIME, PICK_PATH, PUMP_KAIZEN, SUPPLIER_FIRE } from "./stories.js";

describe("analyzeStory: competencies", () => {
  it("reads a pick-path story as inventory and process improvement", () => {
    const { competencies } = analyzeStory(PICK_PATH, content);
    expect(competencies.slice(0, 2).sort()).toEqual(["inventory", "process-improvement"]);
  });

  it("reads a lockout story as safety, first", () => {
    expect(analyzeStory(LOCKOUT, content).competencies[0]).toBe("safety");
  });

  it.each([
    [PUMP_KAIZEN, "process-improvement"],
    [OVERTIME, "cost"],
    [SUPPLIER_FIRE, "supply-chain"],
  ])("ranks the story's own competency first", (text, id) => {
    expect(analyzeStory(text, content).competencies[0]).toBe(id);
  });

  it("gives at least the top competency when any keyword hits, and none when none does", () => {
    expect(analyzeStory("We had a near miss on the dock.", content).competencies).toEqual(["safety"]);
    expect(analyzeStory("I like hiking in the hills on Sundays.", content).competencies).toEqual([]);
  });
});

describe("analyzeStory: level from scope", () => {
  const level = (text: string) => analyzeStory(text, content);

  it("reads a line or a shift as entry", () => {
    const a = level(PICK_PATH);
    expect(a.level).toBe("entry");
    expect(a.levelReason).toMatch(/^Entry level: /);
  });

  it("reads a department of dozens or a budget as mid", () => {
    const team = level("I ran the outbound department, a team of 45 people, and cut overtime by 20%.");
    expect(team.level).toBe("mid");
    expect(team.scope.headcount).toBe(45);
    expect(team.levelReason).toBe("Mid level: the story names 45 people.");
    const budget = level("I managed a $600,000 maintenance budget for the site and cut spend by 8%.");
    expect(budget.level).toBe("mid");
    expect(budget.scope.money).toBe(600_000);
  });

  it("reads several sites or millions in charge as senior", () => {
    const sites = level("I led the WMS rollout across three distribution centers on a tight timeline.");
    expect(sites.level).toBe("senior");
    expect(sites.scope.sites).toBe(3);
    const capital = level("I owned a $4.5M automation project and delivered it on budget.");
    expect(capital.level).toBe("senior");
    expect(capital.levelReason).toBe("Senior level: the story names $4.5M in your charge.");
  });

  it("reads enterprise scope, a P&L or the board beside senior scope as executive", () => {
    const exec = level(
      "As COO I owned the P&L for 14 plants and 3,200 employees, and I took the footprint plan to the board.",
    );
    expect(exec.level).toBe("executive");
    expect(exec.scope).toMatchObject({ headcount: 3200, sites: 14 });
    expect(exec.levelReason).toMatch(/^Executive level: the story names 3,200 people, 14 sites/);
  });

  it("does not take a word of governance alone for an executive's scope", () => {
    expect(level("On my shift I presented the line's results to the board when they visited.").level).toBe(
      "senior",
    );
    expect(level("I put up a recognition board for my crew of 8.").level).toBe("entry");
  });

  it("counts money saved as weaker scope than money in charge", () => {
    expect(level("I saved $400,000 a year by fixing the compressor settings.").level).toBe("entry");
    expect(level("We came in $380,000 under the labor budget.").scope.money).toBeUndefined();
  });
});

describe("analyzeStory: any text", () => {
  it("never throws and always returns a level and a reason", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const a = analyzeStory(text, content);
        expect(["entry", "mid", "senior", "executive"]).toContain(a.level);
        expect(a.levelReason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("reads odd pieces of text too", () => {
    const piece = fc.constantFrom(
      "$",
      "$1",
      "1,",
      "team of ",
      "of ",
      "dozens ",
      "hundreds of ",
      "3 sites ",
      "the board ",
      "p&l ",
      "forty-two ",
      "a hundred and ",
      " ",
      "\n",
      "%",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        expect(() => analyzeStory(parts.join(""), content)).not.toThrow();
      }),
    );
  });
});
