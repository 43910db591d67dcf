import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { checkArithmetic } from "../../src/core/evidence/arithmetic.js";
import { compileLexicon } from "../../src/core/evidence/compiled-lexicon.js";
import { findChanges, findQuantities } from "../../src/core/evidence/quantities.js";
import { segment } from "../../src/core/evidence/sentences.js";

const lex = compileLexicon(shippedContent().lexicon);
const sentence = (text: string) => {
  const s = segment(text)[0];
  if (!s) throw new Error("no sentence");
  return s;
};
const scan = (text: string) => lex.index.scan(sentence(text).norm);
const quantities = (text: string) =>
  findQuantities(sentence(text), scan(text)).map((q) => [q.text, q.kind, q.value, q.timeFrame]);
const changes = (text: string) =>
  findChanges(sentence(text), scan(text)).map((c) => [c.before, c.after, c.claimedPercent]);

describe("quantities", () => {
  it("finds percentages, money, durations, counts and rates", () => {
    expect(
      quantities("We saved $1.2M and 14 days, moved 3,400 pallets at 95% accuracy and 120 units per hour."),
    ).toEqual([
      ["$1.2M", "money", 1_200_000, false],
      ["14 days", "duration", 14, false],
      ["3,400 pallets", "count", 3400, false],
      ["95%", "percent", 95, false],
      ["120 units per hour", "rate", 120, false],
    ]);
  });

  it("tells time frames from results and skips years", () => {
    expect(quantities("Within three months of the 2022 launch, lead time was 6 days.")).toEqual([
      ["three months", "duration", 3, true],
      ["6 days", "duration", 6, false],
    ]);
  });
});

describe("changes", () => {
  it("reads before and after pairs in their common shapes", () => {
    expect(changes("Lead time fell from 14 days to 6.")).toEqual([[14, 6, null]]);
    expect(changes("On-time delivery rose from 82% to 95%.")).toEqual([[82, 95, null]]);
    expect(changes("Changeover went 45 \u2192 20 min.")).toEqual([[45, 20, null]]);
    expect(changes("Fulfilment now takes 38 hours, down from 72.")).toEqual([[72, 38, null]]);
  });

  it("reads a change stated with its base", () => {
    expect(changes("I cut scrap by 30% in a quarter.")).toEqual([[null, null, 30]]);
    expect(changes("That gave a 25% reduction in overtime.")).toEqual([[null, null, 25]]);
  });

  it("does not read a deadline or a year as a change", () => {
    expect(changes("I had to finish by 5 pm on the 3rd.")).toEqual([]);
    expect(changes("We went live in 2023 with 40 users.")).toEqual([]);
  });
});

describe("arithmetic check", () => {
  const check = (text: string) => findChanges(sentence(text), scan(text)).map(checkArithmetic);

  it("flags a claimed change that the before and after do not support", () => {
    expect(check("Lead time went from 12 days to 8, a 50% cut.")).toEqual([
      {
        kind: "mismatch",
        sentence: 0,
        text: "from 12 days to 8",
        before: 12,
        after: 8,
        claimed: "50%",
        actual: "33.3%",
      },
    ]);
  });

  it("accepts a claim that matches, as a relative change or in percentage points", () => {
    expect(check("Scrap fell from 8% to 4%, a 50% reduction.")).toEqual([null]);
    expect(check("OTIF went from 82% to 95%, a 13% improvement.")).toEqual([null]);
  });

  it("does not pin a change of another metric in the same sentence on a pair", () => {
    expect(check("Pick accuracy rose from 92% to 99% in a month and late orders fell by 60%.")).toEqual([
      null,
    ]);
    expect(check("We cut lead time by 50%, from 12 days to 8.")[0]).toMatchObject({
      claimed: "50%",
      actual: "33.3%",
    });
  });

  it("checks halved and doubled", () => {
    expect(check("We halved the backlog, from 400 orders to 300.")[0]).toMatchObject({
      claimed: "halved",
      actual: "0.8x",
    });
    expect(check("Throughput doubled from 50 to 100 units an hour.")).toEqual([null]);
  });
});

describe("time frames and turnarounds", () => {
  it("reads a time to do something as a measure, not a time frame", () => {
    expect(quantities("Urgent tickets were resolved within 48 hours.")).toEqual([
      ["48 hours", "duration", 48, false],
    ]);
    expect(quantities("Orders were shipped within about 24 hours.")).toEqual([
      ["24 hours", "duration", 24, false],
    ]);
    expect(quantities("We cut scrap by 30% within three months.")[1]).toEqual([
      "three months",
      "duration",
      3,
      true,
    ]);
    expect(quantities("Within three months, lead time fell to 6 days.")[0]).toEqual([
      "three months",
      "duration",
      3,
      true,
    ]);
  });

  it("reads the time a state was reached in as a measure, and a level's 'within' as a time frame", () => {
    expect(quantities("The aisle was open again within 25 minutes.")).toEqual([
      ["25 minutes", "duration", 25, false],
    ]);
    expect(quantities("The line was back within two hours.")).toEqual([["two hours", "duration", 2, false]]);
    expect(quantities("Scrap was 3% within six weeks.")[1]).toEqual(["six weeks", "duration", 6, true]);
  });
});

describe("what quantities carry", () => {
  const one = (text: string, at = 0) => {
    const q = findQuantities(sentence(text), scan(text))[at];
    if (!q) throw new Error("no quantity");
    return q;
  };

  it("gives the unit, the period of a rate and the nearest metric", () => {
    expect(one("Output was 41 units a shift.")).toMatchObject({
      kind: "rate",
      unit: "unit",
      per: "shift",
      metric: { name: "output" },
    });
    expect(one("Overtime cost $9,000 a month.")).toMatchObject({ kind: "money", per: "month" });
    expect(one("We had 12 errors per 1,000 orders.")).toMatchObject({
      kind: "rate",
      unit: "error",
      value: 12,
    });
    expect(one("It took 7 business days.")).toMatchObject({ kind: "duration", unit: "day", value: 7 });
    expect(one("Three team members joined.")).toMatchObject({ kind: "count", unit: "member", value: 3 });
  });

  it("reads 'one in three' and '4 out of 5' as shares, and 'instead of' as the earlier value", () => {
    const share = one("We were missing one in six ship dates.");
    expect(share.kind).toBe("percent");
    expect(share.value).toBeCloseTo(100 / 6);
    expect(one("4 out of 5 trucks left on time.")).toMatchObject({ kind: "percent", value: 80 });
    const third = (1 / 3) * 100;
    expect(changes("Late orders fell from one in three to one in twenty.")).toEqual([[third, 5, null]]);
    expect(changes("We got one in twenty out late instead of one in three.")).toEqual([[third, 5, null]]);
    expect(changes("Only 5 orders a day went out late, compared with 100 before.")).toEqual([[100, 5, null]]);
    // A year or a span is not a share: "2 in 2019", "3 in 4 weeks".
    expect(one("We hired 2 in 2019.")).toMatchObject({ kind: "number", value: 2 });
    expect(quantities("We did 3 in 4 weeks.").map((q) => q[1])).not.toContain("percent");
  });

  it("reads what is counted per period through a describing word, whatever the noun", () => {
    expect(one("We had about forty late deliveries every week.")).toMatchObject({
      kind: "rate",
      unit: "delivery",
      per: "week",
      value: 40,
    });
    expect(one("We were down to five or six late deliveries a week.")).toMatchObject({
      per: "week",
      value: 5.5,
    });
    expect(one("We handled 200 orders each day.")).toMatchObject({ kind: "rate", per: "day" });
    // Not through a word that says how much or which way: "40 more a week" has no noun counted.
    expect(one("We shipped 40 fewer pallets a week.")).not.toMatchObject({ unit: "fewer" });
  });

  it("tells a change from a level, and savings and budgets", () => {
    expect(one("Scrap fell 30% and OEE hit 85%.")).toMatchObject({ delta: true, direction: "down" });
    expect(one("Scrap fell 30% and OEE hit 85%.", 1)).toMatchObject({
      delta: false,
      metric: { name: "oee" },
    });
    expect(one("The top 1,200 SKUs made up 70% of picks.", 1)).toMatchObject({ delta: false });
    expect(one("Sales were down 12% on the year.")).toMatchObject({ delta: true, direction: "down" });
    expect(one("We saved $5M on a $1M budget.")).toMatchObject({ purpose: "saving", delta: true });
    expect(one("We saved $5M on a $1M budget.", 1)).toMatchObject({ purpose: "budget", delta: false });
  });

  it("marks the figures of a pair", () => {
    const qs = findQuantities(
      sentence("Lead time fell from 14 days to 6 days."),
      scan("Lead time fell from 14 days to 6 days."),
    );
    expect(qs.map((q) => q.paired)).toEqual([true, true]);
  });
});

describe("changes in more shapes", () => {
  it("reads reversed and spoken pairs", () => {
    expect(changes("On-time delivery rose to 95% from 82%.")).toEqual([[82, 95, null]]);
    expect(changes("Lead time was 14 days and is now 6.")).toEqual([[14, 6, null]]);
    expect(changes("Before: 12 errors a week; after: 3.")).toEqual([[12, 3, null]]);
    expect(changes("Before the fix, 12 errors a week, and after it, 3.")).toEqual([[12, 3, null]]);
    expect(changes("QC rejects went from 75% on the prototypes to less than 5% on production.")).toEqual([
      [75, 5, null],
    ]);
    expect(changes("I increased output 41 to 53 units a shift.")).toEqual([[41, 53, null]]);
  });

  it("takes the nearest verb for a claim's direction", () => {
    const s = sentence("Pick accuracy rose from 92% to 99% and late orders fell by 60%.");
    const q = findQuantities(s, lex.index.scan(s.norm));
    expect(q.at(-1)).toMatchObject({ value: 60, delta: true, direction: "down" });
  });
});
