import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { keepTerms, maskAnswer } from "../../src/core/group/mask.js";

const content = shippedContent();
const keep = keepTerms(content.lexicon);
const mask = (text: string) => maskAnswer(text, keep);

describe("maskAnswer examples", () => {
  it.each([
    // figures, with their currency sign and suffix
    ["We cut it from 12 to 8.", "We cut it from [figure] to [figure].", 0, 2, 0],
    ["Saved $40K, €2m and £1.2M.", "Saved [figure], [figure] and [figure].", 0, 3, 0],
    [
      "OTIF rose to 98% and 99.5 % on 1,200 units.",
      "OTIF rose to [figure] and [figure] on [figure] units.",
      0,
      3,
      0,
    ],
    [
      "12,000 pallets in Q3 2022, a 3x gain.",
      "[figure] pallets in [figure] [figure], a [figure] gain.",
      0,
      4,
      0,
    ],
    // links
    ["Mail jo.smith@acme.com or see https://acme.com/careers.", "Mail [link] or see [link].", 0, 0, 2],
    ["See www.acme.co.uk/about and acme-foods.com, thanks.", "See [link] and [link], thanks.", 0, 0, 2],
    // names inside a sentence, and runs of capitalised words as one name
    ["I worked at Acme Foods for two years.", "I worked at [name] for two years.", 1, 0, 0],
    ["I joined Procter & Gamble in March.", "I joined [name] in March.", 1, 0, 0],
    [
      "We shipped from the Columbus DC to the DC in Ohio.",
      "We shipped from the [name] to the DC in [name].",
      2,
      0,
      0,
    ],
    ["Our client was ACME and Bank of America.", "Our client was [name] and [name].", 2, 0, 0],
    ["I briefed Acme's Memphis team.", "I briefed [name]'s [name] team.", 2, 0, 0],
    ["I'm sure I'd do it; I said so on Monday.", "I'm sure I'd do it; I said so on Monday.", 0, 0, 0],
    [
      "The CEO and the VP agreed on the KPI and the SLA. OK.",
      "The CEO and the VP agreed on the KPI and the SLA. OK.",
      0,
      0,
      0,
    ],
    ["The Operations Manager at the Plant agreed.", "The Operations Manager at the Plant agreed.", 0, 0, 0],
    // right after at, for, with or joined even a common word is a name
    ["I worked with HR at Quality Street.", "I worked with [name] at [name].", 2, 0, 0],
    // sentence starts: one capitalised word is left, a run or a company is a name
    ["Mapped the flow. Acme had a backlog.", "Mapped the flow. Acme had a backlog.", 0, 0, 0],
    ["Acme Foods had a backlog.", "[name] had a backlog.", 1, 0, 0],
    ["Globex Inc. hired me. Initech, LLC did too.", "[name]. hired me. [name] did too.", 2, 0, 0],
    ["In Memphis we ran the line.", "In [name] we ran the line.", 1, 0, 0],
    ["- Led the pilot\n- Acme Foods: cut scrap", "- Led the pilot\n- [name]: cut scrap", 1, 0, 0],
    [
      "1) Mapped the flow\n2) Trained the team",
      "[figure]) Mapped the flow\n[figure]) Trained the team",
      0,
      2,
      0,
    ],
    ["I told Dr. Patel, e.g. Walmart.", "I told Dr. [name], e.g. [name].", 2, 0, 0],
    // method and tool names survive, digits and all
    [
      "I ran a Lean Six Sigma DMAIC project with 5S, 5 Whys, 8D, 80/20, SAP, ERP, MRP, Kanban and SMED.",
      "I ran a Lean Six Sigma DMAIC project with 5S, 5 Whys, 8D, 80/20, SAP, ERP, MRP, Kanban and SMED.",
      0,
      0,
      0,
    ],
    [
      "Value Stream Mapping showed the wait at Acme.",
      "Value Stream Mapping showed the wait at [name].",
      1,
      0,
      0,
    ],
    [
      "I used value stream maps and Power BI dashboards.",
      "I used value stream maps and Power BI dashboards.",
      0,
      0,
      0,
    ],
    ["Thanks <@123456789> for the help.", "Thanks [name] for the help.", 1, 0, 0],
  ])("%j", (input, text, names, figures, links) => {
    expect(mask(input)).toEqual({ text, names, figures, links });
  });

  it("masks whatever it finds when no keep terms are given", () => {
    expect(maskAnswer("We ran 5S with SAP.", []).text).toBe("We ran [figure] with [name].");
  });

  // How long this takes as the text grows is measured by `npm run bench:linear` (bench/linear.ts).
  it("masks 50,000 characters of unfriendly text", () => {
    for (const unit of ["a.", "a-", "A ", "1,", "x@", "Acme. ", "www.", "http", "5S "]) {
      const text = unit.repeat(Math.ceil(50_000 / unit.length));
      expect(mask(text).text.length).toBeGreaterThan(0);
    }
  });

  it("keeps the shipped grader notes as they are", () => {
    for (const notes of Object.values(content.feedback.notes))
      for (const note of Object.values(notes)) expect(mask(note).text).toBe(note);
  });
});

describe("keepTerms", () => {
  it("lists method names, their parts and patterns from the lexicon, once each", () => {
    expect(keep).toEqual(expect.arrayContaining(["lean", "dmaic", "5s", "sap", "erp", "six sigma", "kpis"]));
    expect(new Set(keep).size).toBe(keep.length);
  });
});

const KEEP_SAMPLES = keep.map((t) => t.replaceAll("*", ""));
const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(...KEEP_SAMPLES),
  fc.constantFrom(
    "At Acme Foods",
    "Acme Inc.",
    "Procter & Gamble",
    "I'm",
    "Columbus DC",
    "$40K",
    "€2m",
    "98%",
    "1,200 units",
    "3.5",
    "Q3",
    "jo@acme.com",
    "https://acme.com/x?y=1.",
    "www.acme.co.uk",
    "<@123>",
    ".",
    "\n- ",
    "1)",
    "e.g.",
    "Dr.",
    "'s",
    "[name]",
    "[figure]",
    "]",
    "Memphis",
    "ACME",
    "Operations",
    "Manager",
    "DC",
    "at",
    "with",
    "of",
    "&",
    "Inc",
    ",",
    ")",
    ":",
    "St.",
  ),
);
const answer = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(" "));

/** The output with the digits of kept terms removed. */
function withoutKeptDigits(text: string): string {
  let rest = text.toLowerCase().replace(/\s+/g, " ");
  for (const t of KEEP_SAMPLES.filter((k) => /\d/.test(k)).sort((a, b) => b.length - a.length))
    rest = rest.split(t).join(" ");
  return rest;
}

describe("maskAnswer properties", () => {
  it("never throws, leaves no digits outside kept terms, and grows by at most 10 characters a replacement", () => {
    fc.assert(
      fc.property(answer, (text) => {
        const r = mask(text);
        expect(withoutKeptDigits(r.text)).not.toMatch(/[0-9]/);
        expect(r.text.length).toBeLessThanOrEqual(text.length + 10 * (r.names + r.figures + r.links));
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(answer, (text) => {
        const once = mask(text).text;
        expect(mask(once)).toEqual({ text: once, names: 0, figures: 0, links: 0 });
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every keep term, whatever surrounds it", () => {
    fc.assert(
      fc.property(answer, fc.constantFrom(...KEEP_SAMPLES), answer, (before, term, after) => {
        expect(mask(`${before}\n${term} ${after}`).text.toLowerCase()).toContain(term);
        expect(mask(`${before}. ${term.toUpperCase()} ${after}`).text).toContain(term.toUpperCase());
      }),
      { numRuns: 300 },
    );
  });
});
