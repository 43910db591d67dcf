import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep, setImmediate as turn } from "node:timers/promises";
import type { Content } from "../src/core/content/load.js";
import { inProcessEngine, type OfflineEngine } from "../src/core/grading/engine.js";
import { GradingPool } from "../src/grading-worker/pool.js";
import { createLogger } from "../src/log.js";
import { answerOfLength } from "./grader.js";

export interface LoopFigures {
  /** The longest the event loop was held, as a 1 ms timer saw it. */
  maxDelayMs: number;
  p99DelayMs: number;
  /** The share of the time the bot's thread was busy (event-loop utilisation, 0 to 1). */
  busy: number;
  /** From the first answer arriving to the last grade. */
  totalMs: number;
}

export interface WorkerFigures {
  answers: number;
  chars: number;
  /** Starting the worker and its first grade: the worker loads the content once. */
  firstGradeMs: number;
  /** Nothing graded, for as long as the worker took: what the machine itself adds. */
  idle: LoopFigures;
  inProcess: LoopFigures;
  worker: LoopFigures;
}

/** `n` answers of about `chars` characters, each its own text (the grader caches nothing, but fair is fair). */
function answers(n: number, chars: number): string[] {
  const base = answerOfLength(Math.ceil(chars / 4));
  return Array.from({ length: n }, (_, i) => `Answer ${i}. ${base}`.slice(0, chars));
}

const inputOf = (answer: string) => ({
  answer,
  question: { id: null, text: "Tell me about a time you improved a process.", competency: null, probes: [] },
  level: "entry" as const,
});

/** The event loop while `work` runs, as a 1 ms timer sees it. */
async function loopWhile(work: () => Promise<unknown>): Promise<LoopFigures> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const before = performance.eventLoopUtilization();
  const start = performance.now();
  await work();
  const totalMs = performance.now() - start;
  const busy = performance.eventLoopUtilization(before).utilization;
  histogram.disable();
  return { maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6, busy, totalMs };
}

/** Answers arriving one event-loop turn apart, as interactions do, all graded through `engine`. */
function gradeAll(engine: OfflineEngine, texts: string[]): () => Promise<unknown> {
  return async () => {
    const grades: Promise<unknown>[] = [];
    for (const answer of texts) {
      await turn();
      grades.push(engine.grade(inputOf(answer)));
    }
    return Promise.all(grades);
  };
}

/** The event loop while grading `n` answers of `chars` characters: in the bot's thread, then in one worker. */
export async function benchGradingWorker(content: Content, n: number, chars: number): Promise<WorkerFigures> {
  const texts = answers(n, chars);
  const pool = new GradingPool({ content, log: createLogger({ level: "silent" }) });
  try {
    const t = performance.now();
    await pool.grade(inputOf(texts[0] ?? ""));
    const firstGradeMs = performance.now() - t;
    const here = inProcessEngine(content);
    // Both warmed alike (a bot's worker lives on, and so does its compiled code), then measured.
    await gradeAll(here, texts)();
    await gradeAll(pool, texts)();
    const inProcess = await loopWhile(gradeAll(here, texts));
    const worker = await loopWhile(gradeAll(pool, texts));
    const idle = await loopWhile(() => sleep(worker.totalMs));
    return { answers: n, chars, firstGradeMs, idle, inProcess, worker };
  } finally {
    await pool.stop();
  }
}
