// Benchmarks: `npm run bench`. Figures go to standard output as a table.
import { performance } from "node:perf_hooks";
import { shippedContent } from "../src/content-files.js";

const t0 = performance.now();
const content = shippedContent();
const loadMs = performance.now() - t0;
console.log(`content load: ${loadMs.toFixed(1)} ms (${content.bank.questions.length} questions)`);
