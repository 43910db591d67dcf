import fc from "fast-check";

// The text shapes that feed a quadratic spot in a reader: shared by the property test that grades long
// answers (test/core/grade-linear.property.test.ts) and the benchmark that times them (bench/linear.ts).

/** `unit` repeated to exactly `chars` characters. */
export function fill(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

export const SENTENCES = [
  "At our Memphis DC, on-time dispatch had fallen to 84% during peak.",
  "My goal was to get it above 97% within eight weeks.",
  "I ran a value stream map with the shift leads and found the waits.",
  "As a result, lead time fell from 14 days to 6 days, saving about $40,000 a year.",
  "We cut scrap by 30%, from 12% to 8.4%.",
  "S: the line was down.\nA: I re-slotted the 40 fastest SKUs.\nR: picks rose 25%.",
  "- Mapped the pick path\n- Cut changeover 45 to 20 min",
  "e.g. vs. approx. Dr. Smith said so!",
];

/** One character repeated: where a regular expression that backtracks goes quadratic. */
export const RUNS = ["!", ".", "?", " ", "\t", "\n", "7", "a", ",", "-", "%", "$", "\u2019", "*"];

/** What a quadratic spot feeds on: long lines, runs of one character, repeated words, digits, commas. */
const piece = fc.oneof(
  fc.constantFrom(...SENTENCES.map((s) => `${s} `)),
  fc.constantFrom("I mapped the flow ", "and then ", "so we ", "the ", "I ", "we ", "data "),
  fc.constantFrom("7", "1234567890", "12 ", "3,400", "45%", "$1.2M ", "from 12 to 8 ", "by 30% "),
  fc.constantFrom(",", ", ", "1,", "and, ", "; so "),
  fc.constantFrom("!", ".", "?", " ", "\t", "\n", "\r\n", "\u2019", "\u201C", "\u2014", "\u00A0"),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
);

/** A few pieces joined: repeated, it makes one shape of long text. */
export const unit = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter((u) => u.length > 0);
