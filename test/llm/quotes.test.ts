import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteFinder } from "../../src/core/grading/quotes.js";

const ANSWER = `At our DC, on\u2011time   dispatch had fallen to 84%.
I said \u201Cwe pilot it first\u201D and I piloted it on one shift for a week.`;

describe("finding a model's quote in the answer", () => {
  const finder = quoteFinder(ANSWER);

  it("forgives case, white space, curly quotes and dash styles, and returns the answer's own text", () => {
    expect(finder.find("on-time dispatch had fallen to 84%")).toBe(
      "on\u2011time   dispatch had fallen to 84%",
    );
    expect(finder.find('I said "We pilot it first"')).toBe("I said \u201Cwe pilot it first\u201D");
    expect(finder.find("dispatch had fallen to 84%.\nI said")).toBe("dispatch had fallen to 84%.\nI said");
  });

  it("takes off the quotation marks a model wraps a quote in", () => {
    expect(finder.find('"I piloted it on one shift for a week."')).toBe(
      "I piloted it on one shift for a week.",
    );
  });

  it("rejects what the answer does not say, and quotes too short to prove anything", () => {
    expect(finder.find("dispatch had fallen to 48%")).toBeNull();
    expect(finder.find("I said")).toBeNull();
    expect(finder.find("")).toBeNull();
  });

  it("keeps the side of an ellipsis that the answer holds", () => {
    expect(finder.find("I piloted it on one shift ... and cut overtime by half")).toBe(
      "I piloted it on one shift",
    );
  });

  it("never returns anything but a substring of the answer", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 80 }), (answer, quote) => {
        const found = quoteFinder(answer).find(quote);
        return found === null || answer.includes(found);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9%$]{1,8}$/), { minLength: 8, maxLength: 40 }),
        fc.nat(),
        (words, at) => {
          const answer = words.join(" ");
          const from = at % (words.length - 4);
          const quote = words.slice(from, from + 4).join(" ");
          const found = quoteFinder(answer).find(quote);
          return (
            quote.length < 12 ||
            (found !== null && answer.includes(found) && found.toLowerCase() === quote.toLowerCase())
          );
        },
      ),
    );
  });

  it("cuts a very long quote at a word, still a substring", () => {
    const long = `${"I re-slotted the fastest SKUs next to the pack stations ".repeat(12)}.`;
    const found = quoteFinder(long).find(long);
    expect(found?.length).toBeLessThanOrEqual(300);
    expect(long).toContain(found);
  });
});
