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
      { sentence: 0, text: "from 12 days to 8", before: 12, after: 8, claimed: "50%", actual: "33.3%" },
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
