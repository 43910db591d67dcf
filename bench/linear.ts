// Time against input length: `npm run bench:linear` (also part of `npm run bench`). The unit tests check
// what long and odd input gives (test/core/grade-linear.property.test.ts and others); how long it takes is
// measured here, where a busy machine cannot fail a test run. Times are CPU time (process.cpuUsage), the
// best of a few runs; each shape is timed at n and at 4n characters, in turns. Linear is 4x the time,
// quadratic 16x: more than 9x (plus 20 ms for the collector on a small input), or a cost over the per-KB
// budget, is printed as SLOW and the exit code is 1. Run it on an idle machine.
import fc from "fast-check";
import { shippedContent } from "../src/content-files.js";
import { compileLexicon } from "../src/core/evidence/compiled-lexicon.js";
import { extractEvidence } from "../src/core/evidence/extract.js";
import { findChanges, findQuantities } from "../src/core/evidence/quantities.js";
import { segment } from "../src/core/evidence/sentences.js";
import { gradeAnswer } from "../src/core/grading/grade.js";
import { MAX_ANSWER_CHARS } from "../src/core/grading/limits.js";
import { resolveQuestion } from "../src/core/grading/resolve.js";
import { keepTerms, maskAnswer } from "../src/core/group/mask.js";
import { analyzeStory } from "../src/core/stories/analyze.js";
import { storySimilarity } from "../src/core/stories/similarity.js";
import { fill, RUNS, SENTENCES, unit } from "../test/helpers/quadratic-shapes.js";

const content = shippedContent();
const QUESTION = "Tell me about a time you improved a process.";
const question = resolveQuestion(QUESTION, content.bank, "entry");
const grade = (answer: string) => gradeAnswer({ answer, question: question.ref, level: "entry" }, content);

/** Quadratic is 16x the time for 4x the text; linear 4x. Between them, with room for noise. */
const MAX_RATIO = 9;
/** What 4x the text may add beyond 9x: the collector and a busy machine matter on a small input. */
const SLACK_MS = 20;
/** CPU per KB of graded text, for answers of 1 to 100 KB (past the size limit only a prefix is graded). */
const GRADE_MS_PER_KB = 30;
/** The number reader on one long line. */
const NUMBERS_MS_PER_KB = 50;

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The best CPU times of the two, timed in turns so that a busy spell slows both alike. */
function bestPair(a: () => unknown, b: () => unknown, runs = 5): [number, number] {
  const best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let i = 0; i < runs; i++) {
    best[0] = Math.min(best[0], cpuMs(a));
    best[1] = Math.min(best[1], cpuMs(b));
  }
  return best;
}

/** `unit` repeated to exactly `chars` characters. */

let slow = 0;
function report(name: string, small: number, large: number, limit?: { ms: number; budget: number }) {
  const ratio = large / Math.max(small, 0.01);
  const over = large > MAX_RATIO * small + SLACK_MS || (limit !== undefined && limit.ms > limit.budget);
  if (over) slow++;
  const perKb = limit ? `  ${limit.ms.toFixed(1).padStart(7)} ms (budget ${limit.budget})` : "";
  console.log(
    `${over ? "SLOW" : "  ok"}  ${small.toFixed(2).padStart(8)} ${large.toFixed(2).padStart(9)} ${ratio.toFixed(1).padStart(6)}x${perKb}  ${name}`,
  );
}

/** Grading time at n and 4n characters (both under the size limit), and of a 100 KB answer. */
function gradeShape(name: string, make: (chars: number) => string, chars = MAX_ANSWER_CHARS / 4) {
  const [small, large] = bestPair(
    () => grade(make(chars)),
    () => grade(make(4 * chars)),
  );
  const big = make(100 * 1024);
  const ms = Math.min(
    cpuMs(() => grade(big)),
    cpuMs(() => grade(big)),
  );
  const gradedKb = Math.min(big.length, MAX_ANSWER_CHARS) / 1024;
  report(name, small, large, { ms, budget: GRADE_MS_PER_KB * gradedKb });
}

const LINE = "I mapped the flow with the leads and we saw the waits ".repeat(4);

// Grades before timing: the first ones compile the grader, and a bot or a batch runs it warm.
for (let i = 0; i < 5; i++) for (const s of SENTENCES) grade(fill(`${s} `, 3_000));

console.log("grader: CPU ms at n and 4n characters, ratio, 100 KB answer");
for (const s of SENTENCES) gradeShape(`repeat ${JSON.stringify(s.slice(0, 30))}`, (n) => fill(`${s} `, n));
for (const run of RUNS) gradeShape(`a run of ${JSON.stringify(run)}`, (n) => `I ran it ${fill(run, n - 9)}`);
// Shapes that were quadratic once: each took seconds, a minute at 100 KB.
for (const [name, head, run] of [
  ["a run of ! without a space after it", "I ran it ", "!"],
  ["a run of spaces in a long line", LINE, " "],
  ["a run of tabs in a long line", LINE, "\t"],
  ["a run of digits", "from 1 to 2 ", "7"],
  ["a run of letters after a number", "from 1 to 2 3", "a"],
  ["one long line without punctuation", "", "I mapped the flow and we cut the wait "],
  ["I'd been … again and again", "", "I'd been there and "],
  ["a sum of money, then a run of digits", "We spent $5 on it ", "7"],
  ["a million, then a run of digits", "a million ", "7"],
] as const)
  gradeShape(name, (n) => head + fill(run, n - head.length));

// Shapes fast-check makes from pieces that feed a quadratic spot (a fixed seed: the same every run).
for (const [u, run] of fc.sample(fc.tuple(unit, fc.constantFrom(...RUNS)), { numRuns: 8, seed: 42 })) {
  gradeShape(`repeat ${JSON.stringify(u.slice(0, 30))}`, (n) => fill(u, n));
  gradeShape(`${JSON.stringify(u.slice(0, 20))} then a run of ${JSON.stringify(run)}`, (n) =>
    u.length >= n ? u.slice(0, n) : u + fill(run, n - u.length),
  );
}

console.log("\nnumber reader on one long line: CPU ms at 25 and 100 KB, ratio, 100 KB");
const lex = compileLexicon(content.lexicon);
for (const shape of [
  "lead time fell from fourteen days to six, about a dozen a month, 12-15 days, line 2, maybe like 20 percent ",
  "from 5 to ",
  "1 ",
  `from 5 ${"a".repeat(5000)} to 6 `,
  "a hundred and twenty-five thousand and ",
]) {
  const read = (kb: number) => {
    const line = fill(shape, kb * 1024);
    return () => {
      const s = segment(line)[0];
      if (!s) throw new Error("no sentence");
      const scan = lex.index.scan(s.norm);
      findQuantities(s, scan, lex);
      findChanges(s, scan, lex);
    };
  };
  const [small, large] = bestPair(read(25), read(100), 3);
  report(JSON.stringify(shape.slice(0, 40)), small, large, { ms: large, budget: NUMBERS_MS_PER_KB * 100 });
}

console.log("\nevidence and masking: CPU ms at n and 4n characters, ratio");
const denials =
  "I did not use Lean, Six Sigma or 5S, maybe like 20 percent, we never did a VSM and applied kaizen, ";
const [d1, d4] = bestPair(
  () => extractEvidence({ answer: fill(denials, 15_000), question: QUESTION }, content.lexicon),
  () => extractEvidence({ answer: fill(denials, 60_000), question: QUESTION }, content.lexicon),
  3,
);
report("one long sentence of denials, lists and guesses (60,000 characters)", d1, d4);
const keep = keepTerms(content.lexicon);
for (const u of ["a.", "a-", "A ", "1,", "x@", "Acme. ", "www.", "http", "5S "]) {
  const [m1, m4] = bestPair(
    () => maskAnswer(fill(u, 12_500), keep),
    () => maskAnswer(fill(u, 50_000), keep),
    3,
  );
  report(`masking ${JSON.stringify(u)} repeated (50,000 characters)`, m1, m4);
}

console.log("\nstory bank (analyzeStory, storySimilarity): CPU ms at n and 4n characters, ratio");
const STORY =
  "At our Reno DC I re-slotted 400 SKUs by velocity and cut the pick path from 2.1 km to 1.3 km; a team of 14 across three sites saved $60k.\n";
for (const u of [
  STORY,
  "1,",
  "$1 ",
  "team of ",
  "dozens of ",
  "three sites ",
  "the board ",
  "a hundred and ",
  "7",
  " ",
  "a",
]) {
  const [a1, a4] = bestPair(
    () => analyzeStory(fill(u, 4_000), content),
    () => analyzeStory(fill(u, 16_000), content),
    3,
  );
  report(`analyzeStory on ${JSON.stringify(u.slice(0, 30))} repeated (16,000 characters)`, a1, a4);
  const [s1, s4] = bestPair(
    () => storySimilarity(fill(u, 4_000), fill(u, 4_000)),
    () => storySimilarity(fill(u, 16_000), fill(u, 16_000)),
    3,
  );
  report(`storySimilarity on ${JSON.stringify(u.slice(0, 30))} repeated (16,000 characters)`, s1, s4);
}

console.log(slow === 0 ? "\nall linear" : `\n${slow} SLOW: look for a quadratic spot`);
process.exitCode = slow === 0 ? 0 : 1;
