// Benchmarks: `npm run bench`. Figures are printed as a table; run on an idle machine.
import { performance } from "node:perf_hooks";
import { shippedContent } from "../src/content-files.js";
import { benchGrader } from "./grader.js";

const t0 = performance.now();
const content = shippedContent();
console.log(
  `content load and validation: ${(performance.now() - t0).toFixed(1)} ms (${content.bank.questions.length} questions)\n`,
);

console.log("offline grader, one core");
console.log("words   runs   median ms   p99 ms   answers/s");
for (const words of [50, 300, 1000]) {
  const f = benchGrader(content, words, words >= 1000 ? 1000 : 3000);
  console.log(
    `${String(f.words).padStart(5)} ${String(f.runs).padStart(6)} ${f.medianMs.toFixed(3).padStart(11)} ${f.p99Ms.toFixed(3).padStart(8)} ${Math.round(f.perSecond).toString().padStart(11)}`,
  );
}
