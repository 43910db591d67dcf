import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/core/criteria.js";
import { limitAnswer, MAX_ANSWER_CHARS, truncatedNotice } from "../../src/core/grading/limits.js";
import { content, grade } from "../helpers/grade.js";

/**
 * Grading time grows linearly with the answer, whatever its shape. Times are CPU time (not wall time,
 * which a loaded CI machine stretches), the best of a few runs, with generous bounds. The growth is
 * checked over two doublings (4x the text): linear is 4x the time, quadratic 16x, and the bound of 3x
 * per doubling (9x) sits between them with room for a busy machine's noise on either side.
 */
const MS_PER_KB = 30;
const PER_DOUBLING = 3;
/** What two doublings may add to 9x: the collector and a busy machine matter on a small answer. */
const SLACK_MS = 20;

function cpuMs(answer: string, runs = 2): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    grade(answer);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** The best CPU times of two answers timed in turns, so that a busy spell slows both alike. */
function cpuPairMs(a: string, b: string, runs = 5): [number, number] {
  const best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let i = 0; i < runs; i++) {
    best[0] = Math.min(best[0], cpuMs(a, 1));
    best[1] = Math.min(best[1], cpuMs(b, 1));
  }
  return best;
}

/** `unit` repeated to exactly `chars` characters. */
function fill(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

const SENTENCES = [
  "At our Memphis DC, on-time dispatch had fallen to 84% during peak.",
  "My goal was to get it above 97% within eight weeks.",
  "I ran a value stream map with the shift leads and found the waits.",
  "As a result, lead time fell from 14 days to 6 days, saving about $40,000 a year.",
  "We cut scrap by 30%, from 12% to 8.4%.",
  "S: the line was down.\nA: I re-slotted the 40 fastest SKUs.\nR: picks rose 25%.",
  "- Mapped the pick path\n- Cut changeover 45 to 20 min",
  "e.g. vs. approx. Dr. Smith said so!",
];
/** What a quadratic spot feeds on: long lines, runs of one character, repeated words, digits, commas. */
const piece = fc.oneof(
  fc.constantFrom(...SENTENCES.map((s) => `${s} `)),
  fc.constantFrom("I mapped the flow ", "and then ", "so we ", "the ", "I ", "we ", "data "),
  fc.constantFrom("7", "1234567890", "12 ", "3,400", "45%", "$1.2M ", "from 12 to 8 ", "by 30% "),
  fc.constantFrom(",", ", ", "1,", "and, ", "; so "),
  fc.constantFrom("!", ".", "?", " ", "\t", "\n", "\r\n", "\u2019", "\u201C", "\u2014", "\u00A0"),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
);
const unit = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter((u) => u.length > 0);
/** One character repeated: where a regular expression that backtracks goes quadratic. */
const RUNS = ["!", ".", "?", " ", "\t", "\n", "7", "a", ",", "-", "%", "$", "\u2019", "*"];

/** An answer of a given length: a unit repeated (sentences, one long line…), or a head and one long run. */
type Shape = { name: string; make: (chars: number) => string };
const shape: fc.Arbitrary<Shape> = fc.oneof(
  unit.map((u) => ({ name: `repeat ${JSON.stringify(u)}`, make: (n: number) => fill(u, n) })),
  fc.tuple(unit, fc.constantFrom(...RUNS)).map(([head, run]) => ({
    name: `${JSON.stringify(head)} then a run of ${JSON.stringify(run)}`,
    make: (n: number) => head + fill(run, Math.max(0, n - head.length)),
  })),
);

/** Grows 4x with 4x the text, not 16x as a quadratic spot would (see PER_DOUBLING). */
function expectLinear(make: (chars: number) => string, chars: number) {
  // Both under the size limit: what is timed is the grader reading all of it.
  const [small, large] = cpuPairMs(make(chars), make(4 * chars));
  expect(large).toBeLessThanOrEqual(PER_DOUBLING ** 2 * small + SLACK_MS);
}

describe("grading time is linear in the answer", () => {
  // The first grades compile the grader: time it warm, as a long-running bot or batch runs it.
  beforeAll(() => {
    for (let i = 0; i < 5; i++) for (const s of SENTENCES) grade(fill(`${s} `, 3_000));
  });

  it(`stays under ${MS_PER_KB} ms (CPU) per KB graded, for answers of 1 to 100 KB`, () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 100 }), ({ make }, kb) => {
        const answer = make(kb * 1024);
        const gradedKb = Math.min(answer.length, MAX_ANSWER_CHARS) / 1024;
        expect(cpuMs(answer)).toBeLessThanOrEqual(MS_PER_KB * Math.max(1, gradedKb));
      }),
      { numRuns: 8 },
    );
  });

  it(`at most ${PER_DOUBLING}x the time each time the text doubles`, () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 4_000, max: MAX_ANSWER_CHARS / 4 }), ({ make }, chars) =>
        expectLinear(make, chars),
      ),
      { numRuns: 6 },
    );
  });

  // Each of these took seconds (a minute at 100 KB) before: backtracking on a run of one character.
  const LINE = "I mapped the flow with the leads and we saw the waits ".repeat(4);
  it.each([
    ["a run of ! without a space after it", "I ran it ", "!"],
    ["a run of spaces in a long line", LINE, " "],
    ["a run of tabs in a long line", LINE, "\t"],
    ["a run of digits", "from 1 to 2 ", "7"],
    ["a run of letters after a number", "from 1 to 2 3", "a"],
    ["one long line without punctuation", "", "I mapped the flow and we cut the wait "],
  ])("grades an answer with %s in linear time, and cuts 1 MB of it with a notice", (_, head, run) => {
    const make = (n: number) => head + fill(run, n - head.length);
    expectLinear(make, MAX_ANSWER_CHARS / 4);
    const answer = make(1024 * 1024);
    expect(cpuMs(answer, 1)).toBeLessThanOrEqual(MS_PER_KB * (MAX_ANSWER_CHARS / 1024));
    const g = grade(answer);
    expect(g.notices[0]).toContain("1,048,576 characters long");
    for (const c of CRITERIA) for (const quote of g.criteria[c].evidence) expect(answer).toContain(quote);
  });

  // Shapes that were quadratic: "I'd" + a participle (the next word was read by slicing the rest of the
  // sentence per hit) and a money sign or "million" before a run of digits (tried from every digit).
  it.each([
    ["I'd been … again and again", "", "I'd been there and "],
    ["a sum of money, then a run of digits", "We spent $5 on it ", "7"],
    ["a million, then a run of digits", "a million ", "7"],
  ])("grades an answer with %s in linear time", (_, head, run) => {
    expectLinear((n: number) => head + fill(run, n - head.length), MAX_ANSWER_CHARS / 4);
  });
});

describe("the answer size limit", () => {
  it("grades an answer up to the limit whole, with no notice", () => {
    const answer = fill("I mapped the pick path and cut the wait by 30%. ", MAX_ANSWER_CHARS);
    expect(limitAnswer(answer)).toEqual({ text: answer, truncated: false, chars: MAX_ANSWER_CHARS });
    expect(grade(answer).notices.join(" ")).not.toContain("characters long");
  });

  it("cuts a longer one at the end of a sentence, and the grade says where", () => {
    const answer = fill("I mapped the pick path and cut the wait by 30%. ", MAX_ANSWER_CHARS + 5_000);
    const limited = limitAnswer(answer);
    expect(limited.truncated).toBe(true);
    expect(answer.startsWith(limited.text)).toBe(true);
    expect(limited.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(limited.text.length).toBeGreaterThan(MAX_ANSWER_CHARS - 100);
    expect(limited.text.endsWith("30%.")).toBe(true);
    const g = grade(answer);
    expect(g.notices[0]).toContain("25,000 characters long");
    expect(g.notices[0]).toContain("at most 20,000");
    expect(g.notices[0]).toContain(`first ${limited.text.length.toLocaleString("en-US")} characters`);
    expect(g.stats.words).toBeGreaterThan(3000);
  });

  it("falls back to a line break or a space, and never splits an emoji", () => {
    const lines = fill("I mapped the pick path and cut the wait\n", MAX_ANSWER_CHARS + 100);
    expect(limitAnswer(lines).text.endsWith("cut the wait")).toBe(true);
    const emoji = fill("🚚", MAX_ANSWER_CHARS + 101);
    const cut = limitAnswer(emoji).text;
    expect(cut.length).toBe(MAX_ANSWER_CHARS);
    expect(emoji.startsWith(cut) && cut.endsWith("🚚")).toBe(true);
    const odd = `x${emoji}`;
    expect(limitAnswer(odd).text.length).toBe(MAX_ANSWER_CHARS - 1);
  });

  it("fills every placeholder of the shipped notice", () => {
    const limited = limitAnswer("word ".repeat(5_000));
    expect(truncatedNotice(content.feedback.notices.truncated, limited)).not.toMatch(/[{}]/);
  });
});
