import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { compileLexicon } from "../../src/core/evidence/compiled-lexicon.js";
import {
  findNumber,
  NUMBER_SOURCE,
  type NumberMatch,
  parseNumber,
  readWordNumber,
} from "../../src/core/evidence/numbers.js";
import { findChanges, findQuantities, type Quantity } from "../../src/core/evidence/quantities.js";
import { segment } from "../../src/core/evidence/sentences.js";

const lex = compileLexicon(shippedContent().lexicon);
const first = (text: string) => {
  const s = segment(text)[0];
  if (!s) throw new Error("no sentence");
  return s;
};
const quantitiesOf = (text: string, withLexicon = false): Quantity[] => {
  const s = first(text);
  return findQuantities(s, lex.index.scan(s.norm), withLexicon ? lex : undefined);
};
const brief = (text: string, withLexicon = false) =>
  quantitiesOf(text, withLexicon).map((q) => [q.text, q.kind, q.value]);
const changesOf = (text: string) => {
  const s = first(text);
  return findChanges(s, lex.index.scan(s.norm)).map((c) => [c.before, c.after]);
};
const claimsOf = (text: string) => {
  const s = first(text);
  return findChanges(s, lex.index.scan(s.norm)).map((c) => [c.claimedPercent, c.claimedRatio]);
};
const words = (text: string) => readWordNumber(text.split(/[\s-]+/), 0);

describe("numbers written in words", () => {
  it("reads cardinals, compounds, scales and dozens", () => {
    expect(words("fifteen")).toEqual({ value: 15, next: 1, fraction: false });
    expect(words("twenty-five")?.value).toBe(25);
    expect(words("twenty five orders")).toEqual({ value: 25, next: 2, fraction: false });
    expect(words("a hundred and twenty")?.value).toBe(120);
    expect(words("one hundred twenty three")?.value).toBe(123);
    expect(words("two thousand five hundred")?.value).toBe(2500);
    expect(words("three million")?.value).toBe(3_000_000);
    expect(words("a dozen")?.value).toBe(12);
    expect(words("two dozen")?.value).toBe(24);
    expect(words("half a dozen")?.value).toBe(6);
    expect(words("two and a half")?.value).toBe(2.5);
  });

  it("reads fractions and marks them", () => {
    expect(words("two thirds")).toEqual({ value: 2 / 3, next: 2, fraction: true });
    expect(words("a third")).toEqual({ value: 1 / 3, next: 2, fraction: true });
    expect(words("half")).toEqual({ value: 0.5, next: 1, fraction: true });
    expect(words("three quarters")?.value).toBe(0.75);
  });

  it("reads nothing that is not a number", () => {
    expect(words("a month")).toBeNull();
    expect(words("an hour")).toBeNull();
    expect(words("dozens of")).toBeNull();
    expect(words("the team")).toBeNull();
    // Two numbers side by side are two numbers: "five twenty" stops after five.
    expect(words("five twenty")).toEqual({ value: 5, next: 1, fraction: false });
  });

  it("finds number words with their units as quantities", () => {
    expect(brief("Picking took fifteen minutes and we shipped a hundred and twenty orders.")).toEqual([
      ["fifteen minutes", "duration", 15],
      ["a hundred and twenty orders", "count", 120],
    ]);
    expect(brief("It used to take three sprints.")).toEqual([["three sprints", "duration", 3]]);
    expect(brief("We had about a dozen complaints a month.")).toEqual([
      ["a dozen complaints a month", "rate", 12],
    ]);
    expect(brief("Returns came in at a dozen a month.")).toEqual([["a dozen a month", "rate", 12]]);
    expect(brief("Accuracy rose to ninety-eight percent.")).toEqual([
      ["ninety-eight percent", "percent", 98],
    ]);
    expect(brief("The fix cost ten thousand dollars.")).toEqual([["ten thousand dollars", "money", 10_000]]);
    // A frequency is a habit, not a measure: read only as the end of a change.
    expect(brief("We audited twice a week.")).toEqual([]);
    expect(changesOf("We went from once a month to twice a month.")).toEqual([[1, 2]]);
    expect(brief("Setup took half an hour.")).toEqual([["half an hour", "duration", 0.5]]);
    // "take a week" is one week; "a week" elsewhere is a period ("once a week", "for a week").
    expect(brief("Refunds now take a week.")).toEqual([["a week", "duration", 1]]);
    expect(brief("It took about a day to retrain the crew.")).toEqual([["a day", "duration", 1]]);
    expect(brief("We stayed a week at the supplier.")).toEqual([]);
  });

  it("reads shares written as fractions", () => {
    const [twoThirds] = brief("Two thirds of the SKUs were slow movers.");
    expect(twoThirds?.slice(0, 2)).toEqual(["Two thirds", "percent"]);
    expect(twoThirds?.[2]).toBeCloseTo(66.67, 1);
    expect(brief("Half of the pickers were new.")).toEqual([["Half", "percent", 50]]);
    expect(brief("A quarter of our orders shipped late.")).toEqual([["A quarter", "percent", 25]]);
  });

  it("does not count pronouns, story openers and parts of the year", () => {
    expect(brief("One of the operators called me.")).toEqual([]);
    expect(brief("One day, the line went down.")).toEqual([]);
    expect(brief("In the second half of the year we hired.")).toEqual([]);
    expect(brief("We finished in a quarter.")).toEqual([]);
    expect(brief("No one noticed the one-off change.")).toEqual([]);
    expect(brief("One driver called in sick.")).toEqual([]);
  });

  it("reads a bare number word only as the end of a change", () => {
    expect(brief("Complaints went from fifteen to two.")).toEqual([]);
    expect(changesOf("Complaints went from fifteen to two.")).toEqual([[15, 2]]);
    expect(changesOf("Complaints went from about fifteen a week to two.")).toEqual([[15, 2]]);
    // A then and a now joined by a semicolon are one change; a full stop or a wish is not.
    expect(changesOf("It used to take three sprints; now two.")).toEqual([[3, 2]]);
    expect(changesOf("We were getting a dozen complaints a month; now we get one.")).toEqual([[12, 1]]);
    expect(changesOf("The line was at 80%; today I want to reach 95%.")).toEqual([]);
    expect(changesOf("We cut complaints from a dozen a month to one.")).toEqual([[12, 1]]);
    expect(changesOf("It used to take three sprints, now two.")).toEqual([[3, 2]]);
    expect(changesOf("Releases used to take three sprints and now take two.")).toEqual([[3, 2]]);
  });

  it("reads ratios and fractions of change in words", () => {
    expect(claimsOf("We tripled the number of cycle counts.")).toEqual([[null, 3]]);
    expect(claimsOf("I cut the backlog in half.")).toEqual([[null, 0.5]]);
    expect(claimsOf("We reduced changeover time by half.")).toEqual([[50, null]]);
    expect(claimsOf("Scrap fell by a third")[0]?.[0]).toBeCloseTo(33.33, 1);
    expect(claimsOf("Errors fell twenty-five percent.")).toEqual([[25, null]]);
  });
});

describe("estimates, ranges and guesses", () => {
  it("marks approximations", () => {
    const approx = (text: string) => quantitiesOf(text).map((q) => [q.text, q.approx]);
    expect(approx("Lead time was about 15 days.")).toEqual([["15 days", true]]);
    expect(approx("We shipped roughly 400 orders a day.")).toEqual([["400 orders a day", true]]);
    expect(approx("It took ~15 minutes.")).toEqual([["15 minutes", true]]);
    expect(approx("We had 20-ish people and 30 pallets or so.")).toEqual([
      ["20-ish people", true],
      ["30 pallets", true],
    ]);
    expect(approx("We had just under 40 operators.")).toEqual([["40 operators", true]]);
    expect(approx("We had 40 operators.")).toEqual([["40 operators", false]]);
  });

  it("reads a range as one figure with its ends", () => {
    const ranges = (text: string) => quantitiesOf(text).map((q) => [q.text, q.value, q.range]);
    expect(ranges("Delivery took 12-15 days.")).toEqual([["12-15 days", 13.5, { low: 12, high: 15 }]]);
    expect(ranges("Each audit took between 3 and 4 hours.")).toEqual([
      ["3 and 4 hours", 3.5, { low: 3, high: 4 }],
    ]);
    expect(ranges("Training took 3 to 5 shifts.")).toEqual([["3 to 5 shifts", 4, { low: 3, high: 5 }]]);
    expect(ranges("Scrap was 10-15% on nights.")).toEqual([["10-15%", 12.5, { low: 10, high: 15 }]]);
  });

  it("keeps a change from being read as a range", () => {
    expect(changesOf("We cut lead time from 12 to 8 days.")).toEqual([[12, 8]]);
    expect(changesOf("I cut changeover 45 to 20 minutes.")).toEqual([[45, 20]]);
    expect(changesOf("Lead time went from 12-15 days to 3.")).toEqual([[13.5, 3]]);
  });

  it("marks hedged figures and makes no change from them", () => {
    const hedged = (text: string) => quantitiesOf(text).map((q) => [q.text, q.hedged]);
    expect(hedged("Scrap dropped maybe like 20 percent.")).toEqual([["20 percent", true]]);
    expect(hedged("Overtime fell by probably around 10%.")).toEqual([["10%", true]]);
    expect(hedged("It saved I guess 5 hours a week.")).toEqual([["5 hours a week", true]]);
    expect(hedged("It saved 5 hours a week, I guess.")).toEqual([["5 hours a week", true]]);
    expect(hedged("It saved 5 hours a week.")).toEqual([["5 hours a week", false]]);
    expect(changesOf("Scrap dropped by maybe like 20 percent.")).toEqual([]);
    expect(changesOf("Lead time went from probably 14 days to 6.")).toEqual([]);
  });
});

describe("labels are not quantities", () => {
  it("does not count names of lines, shifts, places, steps and versions", () => {
    expect(
      brief(
        "Line 2 on shift 3 in building 4 was at step 1 of phase 2, version 2, in Plant 7, room 12 and gate 5.",
      ),
    ).toEqual([]);
    expect(brief("On day 3 of week 12, dock 4 and aisle 14 were blocked.")).toEqual([]);
    expect(brief("We finished step 1 phase 2 on line 3 shift 2.")).toEqual([]);
    expect(brief("Order #4471 and No. 5 shipped on March 3 at 5 pm, the 3rd time in Q3.")).toEqual([]);
    expect(brief("We run 5S and 24/7 with a 3PL since 2019.", true)).toEqual([]);
  });

  it("still counts the same nouns after a number", () => {
    expect(brief("We ran 2 shifts across 3 buildings in 4 phases.")).toEqual([
      ["2 shifts", "duration", 2],
      ["3 buildings", "count", 3],
      ["4 phases", "count", 4],
    ]);
    expect(brief("Shift 1 had 40 operators.")).toEqual([["40 operators", "count", 40]]);
  });

  it("makes no change from labels or years", () => {
    expect(changesOf("We moved the team from line 2 to line 4.")).toEqual([]);
    expect(changesOf("Sales grew from 2019 to 2021.")).toEqual([]);
    expect(changesOf("We went from phase 1 to phase 2 in a month.")).toEqual([]);
  });
});

describe("units joined to a number", () => {
  it("reads a hyphen or glued unit when given the lexicon", () => {
    expect(brief("We had a 14-hour first-response time.", true)).toEqual([["14-hour", "duration", 14]]);
    expect(brief("A three-day backlog built up.", true)).toEqual([["three-day", "duration", 3]]);
    expect(brief("Trucks waited 24h at the gate.", true)).toEqual([["24h", "duration", 24]]);
    expect(brief("Throughput rose 3x.", true)).toEqual([["3x", "ratio", 3]]);
  });

  it("keeps a hyphenated number as a number without the lexicon", () => {
    expect(brief("We had a 14-hour first-response time.")).toEqual([["14", "number", 14]]);
  });
});

describe("number reading on any text", () => {
  it("reads digits exactly as the number pattern does", () => {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}.,])${NUMBER_SOURCE}`, "giu");
    const byPattern = (t: string) =>
      [...t.matchAll(pattern)].flatMap((m) => {
        const p = parseNumber(m[0]);
        return p ? [[m.index, m.index + m[0].length, p.value, p.percent, p.money]] : [];
      });
    const byScanner = (t: string) => {
      const out: unknown[] = [];
      const m: NumberMatch = { start: 0, end: 0, value: 0, percent: false, money: false, plain: false };
      for (let at = 0; findNumber(t, at, m); at = m.end)
        out.push([m.start, m.end, m.value, m.percent, m.money]);
      return out;
    };
    const chars = fc.constantFrom(
      ..."0123456789,. $€£%kmMbnKpercentPERillionthousandxaé-".split(""),
      " percent",
      " per cent",
      "million",
      "bn",
      "mm",
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((p) => p.join("")),
        (t) => {
          expect(byScanner(t)).toEqual(byPattern(t));
        },
      ),
      { numRuns: 2000 },
    );
  });

  const piece = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.constantFrom(
      "a",
      "an",
      "half",
      "a dozen",
      "twenty-five",
      "two thirds of",
      "and a half",
      "a hundred and",
      "from",
      "to",
      "now",
      "by",
      "12-15",
      "between 3 and",
      "~",
      "$9,000 a month",
      "maybe like",
      "line 2",
      "-",
      "per",
      "1,000",
      "99999999999999999999%",
      "one-off",
      "twice a",
      "quarter",
      "%",
      "3rd",
      "9:30",
    ),
  );
  const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(" "));

  it("never throws, and every quantity is a slice of its sentence", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const s of segment(t)) {
          const scan = lex.index.scan(s.norm);
          for (const q of findQuantities(s, scan, lex)) {
            expect(q.text).toBe(s.text.slice(q.start, q.end));
            expect(Number.isFinite(q.value)).toBe(true);
          }
          for (const c of findChanges(s, scan, lex)) expect(s.text).toContain(c.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  // How long this takes as the line grows is measured by `npm run bench:linear` (bench/linear.ts).
  it("reads a long single line: every figure a slice of it, every change in it", () => {
    const line = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const shapes = [
      "lead time fell from fourteen days to six, about a dozen a month, 12-15 days, line 2, maybe like 20 percent ",
      "from 5 to ",
      "1 ",
      `from 5 ${"a".repeat(5000)} to 6 `,
      "a hundred and twenty-five thousand and ",
    ];
    for (const shape of shapes) {
      const s = first(line(shape, 25 * 1024));
      const scan = lex.index.scan(s.norm);
      for (const q of findQuantities(s, scan, lex)) {
        expect(q.text, shape.slice(0, 20)).toBe(s.text.slice(q.start, q.end));
        expect(Number.isFinite(q.value)).toBe(true);
      }
      for (const c of findChanges(s, scan, lex)) expect(s.text).toContain(c.text);
    }
  });
});
