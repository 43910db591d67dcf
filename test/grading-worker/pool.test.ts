import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { readContentSources } from "../../src/content-files.js";
import { type GradeInput, gradeAnswer, gradeWithEvidence } from "../../src/core/grading/grade.js";
import { MAX_ANSWER_CHARS } from "../../src/core/grading/limits.js";
import { resolveQuestion } from "../../src/core/grading/resolve.js";
import type { Level } from "../../src/core/levels.js";
import { GradingQueueFullError } from "../../src/grading-worker/errors.js";
import { GradingPool, type GradingPoolOptions } from "../../src/grading-worker/pool.js";
import { createGrader } from "../../src/llm/select.js";
import { judgement } from "../fake-openai/judgements.js";
import { startFakeOpenAI } from "../fake-openai/server.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { captureLog } from "../helpers/log-capture.js";
import { API_KEY } from "../llm/helpers.js";

const EXITING_WORKER = new URL("../fixtures/exiting-grading-worker.ts", import.meta.url);

function inputOf(answer: string, question = "Tell me about a time you improved a process.", level?: Level) {
  const resolved = resolveQuestion(question, content.bank, level ?? "entry");
  return { answer, question: resolved.ref, level: level ?? resolved.level } satisfies GradeInput;
}

const labelled = readFileSync(new URL("../fixtures/answers.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { question: string; answer: string; level: Level });

/** About 4,000 characters: the strong answer, repeated, with a different opening each time. */
const longAnswer = (i: number) =>
  `Answer ${i}. ${`${STRONG_ANSWER}\n`.repeat(Math.ceil(4000 / STRONG_ANSWER.length))}`.slice(0, 4000);

// Each worker started from the sources compiles them through tsx first: seconds on a busy machine.
describe("grading in a worker thread", { timeout: 120_000 }, () => {
  const pools: GradingPool[] = [];
  let dir: string;
  const pool = (options: Partial<GradingPoolOptions> = {}) => {
    const p = new GradingPool({ content, log: captureLog().log, ...options });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "grading-worker-"));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  let shared: GradingPool;

  it("starts no thread until the first grade, and a second only when the first is busy", async () => {
    shared = pool({ workers: 2 });
    expect(shared.threads).toBe(0);
    await shared.grade(inputOf(STRONG_ANSWER));
    expect(shared.threads).toBe(1);
    await shared.grade(inputOf(STRONG_ANSWER));
    expect(shared.threads).toBe(1);
    await Promise.all([shared.grade(inputOf(longAnswer(0))), shared.grade(inputOf(longAnswer(1)))]);
    expect(shared.threads).toBe(2);
  });

  it("returns exactly the grades and evidence grading in this thread returns", async () => {
    const p = shared;
    const inputs = [
      ...labelled.map((a) => inputOf(a.answer, a.question, a.level)),
      inputOf(""),
      inputOf(`${STRONG_ANSWER}\n`.repeat(Math.ceil((MAX_ANSWER_CHARS * 1.5) / STRONG_ANSWER.length))),
      inputOf(longAnswer(1), "Tell me about a time you improved a process.", "senior"),
    ];
    expect(inputs.length).toBeGreaterThan(80);
    const grades = await Promise.all(inputs.map((input) => p.grade(input)));
    grades.forEach((grade, i) => {
      expect(grade).toStrictEqual(gradeAnswer(inputs[i] as GradeInput, content));
    });
    for (const input of inputs.slice(0, 10)) {
      expect(await p.gradeWithEvidence(input)).toStrictEqual(gradeWithEvidence(input, content));
    }
  });

  it("gives the LLM grader its offline grade and evidence: the same LLM grades, the same fallback", async () => {
    const fake = await startFakeOpenAI(() => ({
      content: judgement("Specific"),
      usage: { prompt_tokens: 1500, completion_tokens: 300 },
    }));
    try {
      const config = parseConfig({
        OPENAI_API_KEY: API_KEY,
        OPENAI_BASE_URL: fake.url,
        OPENAI_TIMEOUT_MS: "5000",
      });
      const logger = captureLog().log;
      const viaWorker = createGrader("llm", { config, content, logger, offline: shared });
      const here = createGrader("llm", { config, content, logger });
      for (const a of labelled.slice(0, 6)) {
        const input = inputOf(a.answer, a.question, a.level);
        expect(await viaWorker.grade(input)).toStrictEqual(await here.grade(input));
      }
      fake.enqueue({ status: 503 }, { status: 503 });
      const input = inputOf(longAnswer(7));
      expect(await viaWorker.grade(input)).toStrictEqual({
        ...gradeAnswer(input, content),
        fallback: "server_error",
      });
    } finally {
      await fake.close();
    }
  });

  it("keeps the event loop turning while the worker grades many long answers", async () => {
    const answers = Array.from({ length: 16 }, (_, i) => inputOf(longAnswer(i)));
    const p = shared;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const here = ticks;
      for (const input of answers) gradeAnswer(input, content);
      // The same work in this thread: no timer can run until it is done.
      expect(ticks).toBe(here);
      const before = ticks;
      const ticksAtEachGrade: number[] = [];
      await Promise.all(answers.map((input) => p.grade(input).then(() => ticksAtEachGrade.push(ticks))));
      expect(ticks - before).toBeGreaterThanOrEqual(answers.length);
      // Ticks between grades, not only before the first or after the last.
      expect((ticksAtEachGrade.at(-1) ?? 0) - (ticksAtEachGrade[0] ?? 0)).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it("grades an answer whose worker exits mid-job: a new worker grades it again", async () => {
    const log = captureLog();
    const p = pool({ entry: EXITING_WORKER, log: log.log });
    const input = inputOf(`${STRONG_ANSWER} EXIT-ONCE ${join(dir, "exit-once")}`);
    expect(await p.grade(input)).toStrictEqual(gradeAnswer(input, content));
    expect(log.with("grading worker exited")).toMatchObject([{ code: 7, tries: 1 }]);
    expect(log.with("an answer failed in the grading worker twice: graded in the bot's thread")).toEqual([]);
    expect(p.threads).toBe(1);
    // The new worker grades the next answers.
    const next = inputOf(longAnswer(2));
    expect(await p.grade(next)).toStrictEqual(gradeAnswer(next, content));
    expect(log.with("grading worker exited")).toHaveLength(1);
  });

  it("grades an answer whose worker throws mid-job", async () => {
    const log = captureLog();
    const p = pool({ entry: EXITING_WORKER, log: log.log });
    const input = inputOf(`${STRONG_ANSWER} THROW-ONCE ${join(dir, "throw-once")}`);
    expect(await p.gradeWithEvidence(input)).toStrictEqual(gradeWithEvidence(input, content));
    expect(log.with("grading worker failed")).toHaveLength(1);
    expect(log.with("grading worker exited")).toMatchObject([{ code: 1, tries: 1 }]);
  });

  it("grades in this thread an answer that kills the worker twice, and logs it", async () => {
    const log = captureLog();
    const p = pool({ entry: EXITING_WORKER, log: log.log });
    const input = inputOf(`${STRONG_ANSWER} EXIT-ALWAYS`);
    const others = [inputOf(longAnswer(3)), inputOf(longAnswer(4))];
    const [grade, ...rest] = await Promise.all([p.grade(input), ...others.map((o) => p.grade(o))]);
    expect(grade).toStrictEqual(gradeAnswer(input, content));
    rest.forEach((g, i) => {
      expect(g).toStrictEqual(gradeAnswer(others[i] as GradeInput, content));
    });
    expect(log.with("grading worker exited")).toMatchObject([{ tries: 1 }, { tries: 2 }]);
    expect(log.with("an answer failed in the grading worker twice: graded in the bot's thread")).toHaveLength(
      1,
    );
  });

  it("grades in this thread when workers cannot start (content they cannot load)", async () => {
    const log = captureLog();
    const p = pool({ sources: () => ({ ...readContentSources(), questions: [] }), log: log.log });
    const input = inputOf(STRONG_ANSWER);
    expect(await p.grade(input)).toStrictEqual(gradeAnswer(input, content));
    expect(
      log.with("grading workers exit before they are ready: grading in the bot's thread from now on"),
    ).toHaveLength(1);
    expect(await p.grade(input)).toStrictEqual(gradeAnswer(input, content));
    expect(p.threads).toBe(0);
    expect(log.with("grading worker exited")).toHaveLength(2);
  });

  it("ends a worker left idle, and starts another for the next grade", async () => {
    const log = captureLog();
    const p = pool({ idleMs: 50, log: log.log });
    const input = inputOf(STRONG_ANSWER);
    await p.grade(input);
    await log.waitFor("idle grading workers ended", "the idle worker ended", 1, 30_000);
    expect(p.threads).toBe(0);
    expect(await p.grade(input)).toStrictEqual(gradeAnswer(input, content));
    expect(log.with("grading worker ready")).toHaveLength(2);
    expect(log.with("grading worker exited")).toEqual([]);
  });

  it("refuses a job beyond its queue, and grades in this thread once stopped", async () => {
    const p = pool({ maxQueue: 2 });
    const input = inputOf(longAnswer(5));
    const accepted = [p.grade(input), p.grade(input), p.grade(input)];
    await expect(p.grade(input)).rejects.toBeInstanceOf(GradingQueueFullError);
    await p.stop();
    expect(p.threads).toBe(0);
    for (const grade of await Promise.all(accepted)) expect(grade).toStrictEqual(gradeAnswer(input, content));
    expect(await p.grade(input)).toStrictEqual(gradeAnswer(input, content));
  });
});
