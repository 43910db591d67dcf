import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { isShareMetric } from "../../src/core/evidence/arithmetic.js";
import { extractEvidence } from "../../src/core/evidence/extract.js";
import { content, grade } from "../helpers/grade.js";

const { lexicon } = shippedContent();
const issues = (answer: string) =>
  extractEvidence(
    { answer, question: "Tell me about a time you improved a process." },
    lexicon,
  ).arithmetic.map((a) => [a.kind, a.reason ?? null, a.claimed, a.actual]);

describe("impossible figures", () => {
  it("flags a share above 100%", () => {
    expect(issues("On-time delivery went from 60% to 160%.")).toEqual([
      ["impossible", "share_over_100", "160%", "100%"],
    ]);
    expect(issues("After the retraining, pick accuracy reached 104%.")).toEqual([
      ["impossible", "share_over_100", "104%", "100%"],
    ]);
    expect(issues("Fill rate was 130% by the end of the quarter.")).toEqual([
      ["impossible", "share_over_100", "130%", "100%"],
    ]);
    expect(issues("We lifted OEE to 115 percent on line 2.")).toEqual([
      ["impossible", "share_over_100", "115%", "100%"],
    ]);
  });

  it("flags a fall of more than 100%", () => {
    expect(issues("Picking errors fell by 250%.")).toEqual([["impossible", "fall_over_100", "250%", "100%"]]);
    expect(issues("We got a 150% reduction in scrap.")).toEqual([
      ["impossible", "fall_over_100", "150%", "100%"],
    ]);
    expect(issues("I cut overtime costs by 120% in a quarter.")).toEqual([
      ["impossible", "fall_over_100", "120%", "100%"],
    ]);
    // With before and after figures, the impossible claim is reported once, not also as a mismatch.
    expect(issues("Defects dropped from 40 to 10 a week, a 300% reduction.")).toEqual([
      ["impossible", "fall_over_100", "300%", "100%"],
    ]);
  });

  it("flags savings larger than the budget they came from", () => {
    expect(issues("I renegotiated the freight contracts, saving $5M on a $1M budget.")).toEqual([
      ["impossible", "savings_over_budget", "$5M", "$1M"],
    ]);
    expect(
      issues("Our maintenance budget was $200,000 a year. The new PM schedule saved $30,000 a month."),
    ).toEqual([["impossible", "savings_over_budget", "$30,000 a month", "$200,000 a year"]]);
  });

  it("accepts large figures that are possible", () => {
    expect(issues("Throughput rose 150% after the second line opened.")).toEqual([]);
    expect(issues("Capacity increased by 250% with the new line.")).toEqual([]);
    expect(issues("Output was 120% of target in March.")).toEqual([]);
    expect(issues("The press line was loaded at 104% utilization for most of the quarter.")).toEqual([]);
    expect(issues("Bed occupancy ran at 108% through the winter.")).toEqual([]);
    expect(issues("On-time delivery went from 60% to 96%.")).toEqual([]);
    expect(issues("Errors fell by 60%.")).toEqual([]);
    expect(issues("We saved $300,000 on a $1M budget.")).toEqual([]);
    // A project's budget is what it cost: it can save more than that.
    expect(issues("With a $200,000 project budget, the automation saved $1M.")).toEqual([]);
    // A yearly saving is not compared with a budget given for no period.
    expect(issues("On a $1M budget we saved $400,000 a year.")).toEqual([]);
  });

  it("gives guessed figures no check", () => {
    expect(issues("On-time delivery went to maybe like 160%.")).toEqual([]);
  });

  it("knows which metrics are shares", () => {
    expect(isShareMetric("on time")).toBe(true);
    expect(isShareMetric("oee")).toBe(true);
    // Loads past capacity are reported, not impossible.
    expect(isShareMetric("utilization")).toBe(false);
    expect(isShareMetric("occupancy")).toBe(false);
    expect(isShareMetric("first pass yield")).toBe(true);
    expect(isShareMetric("throughput")).toBe(false);
    expect(isShareMetric("capacity")).toBe(false);
  });
});

describe("mismatched figures", () => {
  it("marks the kind of an issue", () => {
    expect(issues("Lead time went from 12 days to 8, a 50% cut.")).toEqual([
      ["mismatch", null, "50%", "33.3%"],
    ]);
  });
});

describe("an impossible figure in a grade", () => {
  const STRONG_BUT_IMPOSSIBLE = `At our regional DC, on-time delivery had fallen to 60% during peak and our largest client was threatening penalties.
My goal as operations lead was to get on-time delivery back above 95% within eight weeks.
I pulled six weeks of WMS data into Excel and found that 60% of the delay sat between picking and packing.
I ran a value stream map with the shift leads, redesigned the wave release to every 30 minutes and trained both shifts on the new flow.
As a result, on-time delivery went from 60% to 160% within six weeks and we avoided about $60,000 a year in penalties.
The change has held for two quarters because I built it into our standard work.`;

  it("caps the overall and the data evidence, and says why with the feedback template", () => {
    const g = grade(STRONG_BUT_IMPOSSIBLE);
    expect(g.overall).toBeLessThanOrEqual(2);
    expect(g.criteria.data_evidence.score).toBeLessThanOrEqual(1);
    const message = g.arithmetic.find((a) => a.claimed === "160%")?.message ?? "";
    expect(message).toBe(
      content.feedback.tips.arithmetic_impossible
        .replace("{quote}", "from 60% to 160%")
        .replace("{actual}", "100%")
        .replace("{claimed}", "160%"),
    );
  });

  it("does not cap the same answer with a possible figure", () => {
    const g = grade(STRONG_BUT_IMPOSSIBLE.replace("160%", "96%"));
    expect(g.arithmetic).toEqual([]);
    expect(g.overall).toBeGreaterThanOrEqual(3);
    expect(g.criteria.data_evidence.score).toBeGreaterThanOrEqual(3);
  });
});
