import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Content } from "../src/core/content/load.js";
import { gradeAnswer } from "../src/core/grading/grade.js";
import { seededRandom } from "../src/core/interview/select.js";
import { SessionService } from "../src/sessions/session-service.js";
import { openPostgresStore, openSqliteStore } from "../src/store/open.js";
import type { Store } from "../src/store/store.js";
import { answerOfLength } from "./grader.js";

const ANSWER = answerOfLength(300);

/** Attempts stored per second, one after another (each insert awaited, as the service does). */
export async function attemptsPerSecond(store: Store, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await store.addAttempt({
      id: randomUUID(),
      userId: `bench-${i % 50}`,
      sessionId: null,
      questionId: "inv-cycle-count-gap",
      questionText: "Tell me about a time the inventory did not match.",
      competency: "inventory",
      level: "mid",
      kind: "single",
      answerText: ANSWER,
      combineWith: null,
      createdAt: new Date().toISOString(),
    });
  }
  return (count / (performance.now() - start)) * 1000;
}

export async function benchSqlite(count: number): Promise<number> {
  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), "star-bench-")), "bench.db"));
  try {
    return await attemptsPerSecond(store, count);
  } finally {
    await store.close();
  }
}

export async function benchPostgres(url: string, count: number): Promise<number> {
  const schema = `star_bench_${randomBytes(4).toString("hex")}`;
  const store = await openPostgresStore(url, { schema });
  try {
    return await attemptsPerSecond(store, count);
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/** Resident memory after 1,000 users each start an interview and answer its first question. */
export async function rssWithLiveSessions(
  content: Content,
  sessions: number,
): Promise<{ beforeMb: number; afterMb: number }> {
  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), "star-bench-")), "live.db"));
  const service = new SessionService({
    store,
    content,
    grade: async (input) => gradeAnswer(input, content),
    now: () => new Date(),
    newId: randomUUID,
    random: seededRandom(9),
    idleSeconds: 3600,
    avoidLast: 30,
  });
  global.gc?.();
  const beforeMb = process.memoryUsage().rss / 1e6;
  for (let i = 0; i < sessions; i++) {
    const s = await service.start(`user-${i}`, {
      level: "mid",
      competencies: [],
      questionCount: 3,
      followUps: true,
      answerTimeLimitSec: null,
    });
    await service.answer(s.state.id, `user-${i}`, ANSWER);
  }
  global.gc?.();
  const afterMb = process.memoryUsage().rss / 1e6;
  await store.close();
  return { beforeMb, afterMb };
}
