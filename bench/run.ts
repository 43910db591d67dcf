// Benchmarks: `npm run bench`. Figures are printed as a table; run on an idle machine.
import { performance } from "node:perf_hooks";
import { readContentSources, shippedContent } from "../src/content-files.js";
import { loadContent } from "../src/core/content/load.js";
import { limitAnswer, MAX_ANSWER_CHARS } from "../src/core/grading/limits.js";
import { benchGrader, benchLongAnswer, longAnswer, singleLineAnswer } from "./grader.js";
import { benchGradingWorker } from "./grading-worker.js";
import { benchGroups } from "./groups.js";
import { benchLeaderboard } from "./leaderboard.js";
import { clientOverhead, promptTokens } from "./llm.js";
import { benchPostgres, benchSqlite, rssWithLiveSessions } from "./store.js";

// Measured on a fresh read: shippedContent() may already be cached by an imported module.
const t0 = performance.now();
loadContent(readContentSources());
const loadMs = performance.now() - t0;
const content = shippedContent();
console.log(
  `content load and validation: ${loadMs.toFixed(1)} ms (${content.bank.questions.length} questions)\n`,
);

console.log("offline grader, one core");
console.log("words   runs   median ms   p99 ms   answers/s");
for (const words of [50, 300, 1000]) {
  const f = benchGrader(content, words, words >= 1000 ? 1000 : 3000);
  console.log(
    `${String(f.words).padStart(5)} ${String(f.runs).padStart(6)} ${f.medianMs.toFixed(3).padStart(11)} ${f.p99Ms.toFixed(3).padStart(8)} ${Math.round(f.perSecond).toString().padStart(11)}`,
  );
}

for (const [label, answer] of [
  ["16 KB answer, sentences and lines", longAnswer(16)],
  ["100 KB on one line, no punctuation", singleLineAnswer(100)],
] as const) {
  const f = benchLongAnswer(content, answer, 20);
  const graded = limitAnswer(answer).truncated
    ? `its first ${MAX_ANSWER_CHARS} characters graded`
    : "graded whole";
  console.log(
    `${label}: median ${f.medianMs.toFixed(1)} ms, max ${f.maxMs.toFixed(1)} ms of ${f.runs} (${graded}; target < 1,000 ms)`,
  );
}

const loop = await benchGradingWorker(content, 50, 4000);
console.log(
  `\nevent loop while ${loop.answers} answers of ${loop.chars.toLocaleString("en")} characters are graded offline, arriving a loop turn apart (a 1 ms timer's delay; busy: the bot's thread)`,
);
for (const [label, f] of [
  ["in the bot's thread", loop.inProcess],
  ["in a worker thread (the bot)", loop.worker],
  ["nothing graded (the machine)", loop.idle],
] as const) {
  console.log(
    `  ${label.padEnd(29)} max ${f.maxDelayMs.toFixed(1).padStart(6)} ms, p99 ${f.p99DelayMs.toFixed(1).padStart(6)} ms, busy ${(f.busy * 100).toFixed(0).padStart(3)}%, ${f.totalMs.toFixed(0)} ms in all`,
  );
}
console.log(`  the worker's start and first grade, once: ${loop.firstGradeMs.toFixed(0)} ms`);

console.log("\nstore: attempts stored per second (each insert awaited)");
console.log(`  SQLite (WAL, file):  ${Math.round(await benchSqlite(5000))}/s`);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) console.log(`  PostgreSQL:          ${Math.round(await benchPostgres(pgUrl, 5000))}/s`);
else console.log("  PostgreSQL:          set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure");
for (const line of await benchLeaderboard(content)) console.log(line);

const live = await rssWithLiveSessions(content, 1000);
console.log(
  `\nmemory: RSS ${live.beforeMb.toFixed(0)} MB before, ${live.afterMb.toFixed(0)} MB after 1,000 live sessions (each started and one answer graded)`,
);

console.log("\nLLM grader: input tokens per answer (o200k_base; target for 300 words: 1,800 or fewer)");
console.log("words   answer   system   user   messages   schema*   total");
for (const words of [50, 300, 1000]) {
  const t = promptTokens(content, words);
  console.log(
    `${String(t.words).padStart(5)} ${String(t.answer).padStart(8)} ${String(t.system).padStart(8)} ${String(t.user).padStart(6)} ${String(t.messages).padStart(10)} ${String(t.schema).padStart(9)} ${String(t.total).padStart(7)}`,
  );
}
console.log("  * the response schema as the API bills it, estimated (openai/openai-cookbook#2140)");
const overhead = await clientOverhead(content, 300);
console.log(
  `\nLLM client path against the loopback fake server, 300 words, median of ${overhead.runs}: ${overhead.llmMs.toFixed(2)} ms per grade vs ${overhead.offlineMs.toFixed(2)} ms offline; overhead ${overhead.overheadMs.toFixed(2)} ms`,
);

console.log(
  "\nDiscord under load, against a minimal discord.js bot, in separate processes: npm run bench:discord",
);

console.log("\ngroup rounds and leaderboard (core, one core)");
for (const line of benchGroups(content)) console.log(line);

{
  const { progressChartPng } = await import("../src/charts/png.js");
  const { CRITERIA } = await import("../src/core/criteria.js");
  const sessions = 20;
  const trend = Object.fromEntries(
    CRITERIA.map((c, k) => [c, Array.from({ length: sessions }, (_, i) => Math.min(4, (k + i) / 6))]),
  ) as Record<(typeof CRITERIA)[number], number[]>;
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    progressChartPng({ trend });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `\nprogress chart PNG (1000x420, ${sessions} sessions, system fonts): median ${(times[times.length >> 1] ?? 0).toFixed(1)} ms of ${times.length}`,
  );
}
