import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Content, ContentSources } from "../core/content/load.js";
import type { OfflineEngine } from "../core/grading/engine.js";
import { type GradeInput, gradeAnswer, gradeWithEvidence, type OfflineGrade } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { Logger } from "../log.js";
import { GradingQueueFullError, WorkerGradingError } from "./errors.js";
import type { GradeJob, GradingWorkerData, WorkerMessage } from "./protocol.js";

/** worker.js beside this module once compiled; worker.ts when running from the sources (tsx, vitest). */
export const WORKER_ENTRY = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
export const DEFAULT_MAX_QUEUE = 100;
export const DEFAULT_IDLE_MS = 10 * 60_000;
/** A job goes to a worker at most this many times (a crash, then one retry); then it is graded here. */
const MAX_TRIES = 2;
/** Workers in a row that exit before they are ready before the pool stops starting them. */
const MAX_START_FAILURES = 2;

export interface GradingPoolOptions {
  /** The bot's content: answers are graded with it in this thread when the workers cannot grade them. */
  content: Content;
  /**
   * What each worker loads, read once at the first start: by default the shipped content, which each
   * worker loads as the bot does. Pass the sources of any other content the pool grades with.
   */
  sources?: () => ContentSources;
  log: Logger;
  /** At most this many worker threads, each started when a job finds the others busy. Default 1. */
  workers?: number;
  /** Jobs waiting for a worker beyond which a new one is refused (GradingQueueFullError). */
  maxQueue?: number;
  /** Workers with nothing to do for this long are ended, their memory returned; the next grade starts one. */
  idleMs?: number;
  /** The worker script: tests pass one that crashes. */
  entry?: URL;
}

interface Job extends GradeJob {
  tries: number;
  resolve(result: Grade | OfflineGrade): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  ready: boolean;
  startedAt: number;
}

/**
 * Grades offline in worker threads, so a long answer never holds the bot's event loop. Workers start
 * on the first grade. A worker that dies takes no grade with it: its job goes to a new worker once more,
 * and is graded in this thread if that one dies too. If workers cannot start at all, or once stopped,
 * every answer is graded in this thread.
 */
export class GradingPool implements OfflineEngine {
  readonly #options: GradingPoolOptions;
  readonly #log: Logger;
  readonly #max: number;
  readonly #maxQueue: number;
  readonly #idleMs: number;
  readonly #entry: URL;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #sources: ContentSources | undefined;
  #nextId = 1;
  #startFailures = 0;
  #inProcess = false;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(options: GradingPoolOptions) {
    this.#options = options;
    this.#log = options.log.child({ module: "grading-worker" });
    this.#max = Math.max(1, options.workers ?? 1);
    this.#maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#entry = options.entry ?? WORKER_ENTRY;
  }

  grade(input: GradeInput): Promise<Grade> {
    return this.#submit(input, false) as Promise<Grade>;
  }

  gradeWithEvidence(input: GradeInput): Promise<OfflineGrade> {
    return this.#submit(input, true) as Promise<OfflineGrade>;
  }

  /** Worker threads running now. */
  get threads(): number {
    return this.#slots.length;
  }

  /** Ends the workers; jobs they held or that were waiting, and any after this, are graded in this thread. */
  async stop(): Promise<void> {
    await this.#gradeHereFromNowOn();
  }

  #submit(input: GradeInput, evidence: boolean): Promise<Grade | OfflineGrade> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.#nextId++, input, evidence, tries: 0, resolve, reject };
      if (this.#inProcess) return this.#gradeHere(job);
      if (this.#queue.length >= this.#maxQueue) return reject(new GradingQueueFullError(this.#queue.length));
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#inProcess) {
      const slot = this.#slots.find((s) => s.job === null) ?? this.#spawn();
      const job = slot && this.#queue.shift();
      if (!slot || !job) break;
      slot.job = job;
      job.tries++;
      try {
        slot.worker.postMessage({ id: job.id, input: job.input, evidence: job.evidence } satisfies GradeJob);
      } catch (err) {
        slot.job = null;
        job.reject(err);
      }
    }
    // An idle worker does not keep the process alive; one with a job does, until the job is answered.
    for (const s of this.#slots) s.job ? s.worker.ref() : s.worker.unref();
    clearTimeout(this.#idleTimer);
    if (this.#slots.length > 0 && this.#slots.every((s) => s.job === null))
      this.#idleTimer = setTimeout(() => this.#endIdle(), this.#idleMs).unref();
  }

  #endIdle(): void {
    const idle = this.#slots.filter((s) => s.job === null);
    for (const s of idle) {
      this.#slots.splice(this.#slots.indexOf(s), 1);
      void s.worker.terminate();
    }
    this.#log.info({ threads: idle.length, idleMs: this.#idleMs }, "idle grading workers ended");
  }

  #spawn(): Slot | undefined {
    if (this.#slots.length >= this.#max) return undefined;
    let worker: Worker;
    try {
      this.#sources ??= this.#options.sources?.();
      worker = new Worker(this.#entry, {
        workerData: (this.#sources ? { sources: this.#sources } : {}) satisfies GradingWorkerData,
        ...(this.#entry.pathname.endsWith(".ts") ? { execArgv: tsxInWorker() } : {}),
      });
    } catch (err) {
      this.#log.error({ err }, "cannot start a grading worker: grading in the bot's thread from now on");
      void this.#gradeHereFromNowOn();
      return undefined;
    }
    const slot: Slot = { worker, job: null, ready: false, startedAt: performance.now() };
    worker.on("message", (message: WorkerMessage) => this.#onMessage(slot, message));
    worker.on("error", (err) => this.#log.error({ err, ready: slot.ready }, "grading worker failed"));
    worker.on("exit", (code) => this.#onExit(slot, code));
    this.#slots.push(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.#startFailures = 0;
      const ms = Math.round(performance.now() - slot.startedAt);
      this.#log.info({ threads: this.#slots.length, ms }, "grading worker ready");
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    slot.job = null;
    if (message.type === "graded") job.resolve(message.result);
    else job.reject(new WorkerGradingError(message.error.name, message.error.message, message.error.stack));
    this.#dispatch();
  }

  #onExit(slot: Slot, code: number): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return;
    this.#slots.splice(at, 1);
    const job = slot.job;
    if (!slot.ready) this.#startFailures++;
    this.#log.warn(
      { code, ready: slot.ready, job: job?.id ?? null, tries: job?.tries ?? null },
      "grading worker exited",
    );
    if (job && job.tries >= MAX_TRIES) {
      this.#log.error(
        { job: job.id, tries: job.tries },
        "an answer failed in the grading worker twice: graded in the bot's thread",
      );
      this.#gradeHere(job);
    } else if (job) this.#queue.unshift(job);
    if (this.#startFailures >= MAX_START_FAILURES) {
      this.#log.error(
        { failures: this.#startFailures },
        "grading workers exit before they are ready: grading in the bot's thread from now on",
      );
      void this.#gradeHereFromNowOn();
      return;
    }
    this.#dispatch();
  }

  async #gradeHereFromNowOn(): Promise<void> {
    this.#inProcess = true;
    clearTimeout(this.#idleTimer);
    const slots = this.#slots.splice(0);
    const jobs = [...slots.flatMap((s) => (s.job ? [s.job] : [])), ...this.#queue.splice(0)];
    for (const s of slots) s.job = null;
    for (const job of jobs) this.#gradeHere(job);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #gradeHere(job: Job): void {
    const { content } = this.#options;
    try {
      job.resolve(job.evidence ? gradeWithEvidence(job.input, content) : gradeAnswer(job.input, content));
    } catch (err) {
      job.reject(err);
    }
  }
}

/**
 * From the sources (tsx, vitest) a worker must compile TypeScript too, and Node 20's `--import tsx`
 * registers tsx on the main thread only: the worker registers it through tsx's API before loading.
 */
function tsxInWorker(): string[] {
  const register = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register();`;
  return ["--import", `data:text/javascript,${encodeURIComponent(register)}`];
}
