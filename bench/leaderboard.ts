// The store's side of /leaderboard and of starting an interview, on a seeded server:
// `npx tsx bench/leaderboard.ts` (PostgreSQL too with BENCH_DATABASE_URL or TEST_DATABASE_URL).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import BetterSqlite3 from "better-sqlite3";
import { type Insertable, Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { shippedContent } from "../src/content-files.js";
import type { Content } from "../src/core/content/load.js";
import { gradeAnswer } from "../src/core/grading/grade.js";
import { seededRandom } from "../src/core/interview/select.js";
import { guildBoard } from "../src/sessions/leaderboard.js";
import { SessionService } from "../src/sessions/session-service.js";
import { openPostgresStore, openSqliteStore } from "../src/store/open.js";
import type { AttemptsTable, Database } from "../src/store/schema.js";
import type { Store } from "../src/store/store.js";
import { answerOfLength, percentile } from "./grader.js";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const GUILD = "bench-guild";
const RETURNING = "returning-user";
const DAY = 86_400_000;

interface Seed {
  users: number;
  answers: number;
  /** Answers the returning user has given (outside the server's count). */
  returning: number;
}

const DEFAULT_SEED: Seed = { users: 500, answers: 20_000, returning: 1_000 };

/**
 * Rows as the bot stores them: 300-word answers with their grade JSON, spread over 120 days, some users
 * practising far more than others (so some days pass the daily cap), one answer in ten a follow-up graded
 * with the answer before it, and a tenth as many answers in another server.
 */
function seedRows(content: Content, seed: Seed) {
  const random = seededRandom(42);
  const answer = answerOfLength(300);
  const question = {
    id: null,
    text: "Tell me about a time you improved a process.",
    competency: null,
    probes: [],
  };
  const base = gradeAnswer({ answer, question, level: "mid" }, content);
  const grades = [1, 2, 3, 4, 5].map((overall) => JSON.stringify({ ...base, overall }));
  const scores = JSON.stringify(
    Object.fromEntries(Object.entries(base.criteria).map(([c, g]) => [c, g.score])),
  );
  const users = Array.from({ length: seed.users }, (_, i) => ({
    id: `user-${String(i).padStart(4, "0")}`,
    display_name: `User ${i}`,
    settings: JSON.stringify({ public: i % 4 !== 0, defaultLevel: null }),
    created_at: new Date(NOW.getTime() - 200 * DAY).toISOString(),
  }));
  users.push({
    id: RETURNING,
    display_name: "Returning",
    settings: "{}",
    created_at: users[0]?.created_at ?? "",
  });
  const bank = content.bank.questions;
  const last = new Map<string, string>();
  const attempts: Insertable<AttemptsTable>[] = [];
  const add = (i: number, userId: string, guildId: string | null, sessionId: string | null) => {
    const id = `a-${String(i).padStart(7, "0")}`;
    const at = new Date(NOW.getTime() - Math.floor(random() * 120 * DAY)).toISOString();
    const previous = last.get(userId);
    const followUp = previous !== undefined && random() < 0.1;
    last.set(userId, id);
    const q = bank[Math.floor(random() * bank.length)];
    const overall = 1 + Math.floor(random() * 5);
    attempts.push({
      id,
      user_id: userId,
      guild_id: guildId,
      session_id: sessionId,
      question_id: q?.id ?? null,
      question_text: q?.text ?? "q",
      competency: q?.competency ?? null,
      level: "mid",
      kind: followUp ? "follow_up" : "answer",
      answer_text: answer,
      combine_with: followUp ? previous : null,
      grade: grades[overall - 1] ?? null,
      grader: "offline",
      created_at: at,
      graded_at: at,
      claimed_by: null,
      claimed_until: null,
      overall,
      criterion_scores: scores,
    });
  };
  let n = 0;
  for (let i = 0; i < seed.answers; i++) {
    // Skewed: low-numbered users practise far more.
    const u = Math.floor(random() ** 2 * seed.users);
    add(n++, users[u]?.id ?? "", GUILD, `s-${u}-${Math.floor(i / 50)}`);
  }
  for (let i = 0; i < seed.answers / 10; i++) add(n++, users[i % seed.users]?.id ?? "", "other-guild", null);
  for (let i = 0; i < seed.returning; i++) add(n++, RETURNING, null, `s-returning-${Math.floor(i / 6)}`);
  return { users, attempts };
}

async function fill(db: Kysely<Database>, rows: ReturnType<typeof seedRows>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("users").values(rows.users).execute();
    for (let i = 0; i < rows.attempts.length; i += 200) {
      await tx
        .insertInto("attempts")
        .values(rows.attempts.slice(i, i + 200))
        .execute();
    }
  });
}

/** Median and p99 of `runs` timed calls, after a few untimed ones. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p99: percentile(times, 99) };
}

async function measure(store: Store, content: Content): Promise<string[]> {
  const lines: string[] = [];
  const f = (x: { median: number; p99: number }) =>
    `median ${x.median.toFixed(1).padStart(6)} ms, p99 ${x.p99.toFixed(1).padStart(6)} ms`;
  for (const period of ["week", "month", "all"] as const) {
    const t = await time(20, () => guildBoard(store, GUILD, period, "user-0001", NOW));
    lines.push(`    /leaderboard ${period.padEnd(5)}                                      ${f(t)}`);
  }
  const service = new SessionService({
    store,
    content,
    grade: async (input) => gradeAnswer(input, content),
    now: () => NOW,
    newId: () => `bench-${randomBytes(8).toString("hex")}`,
    random: seededRandom(7),
    idleSeconds: 3600,
    avoidLast: 30,
  });
  const config = {
    level: "mid" as const,
    competencies: [],
    questionCount: 3,
    followUps: true,
    answerTimeLimitSec: null,
  };
  const full = await time(50, () => store.listAttempts(RETURNING, { limit: 200 }));
  lines.push(`    a returning user's last 200 attempts, full rows         ${f(full)}`);
  const numbers = await time(50, () => store.listAttemptSummaries(RETURNING, { limit: 200 }));
  lines.push(`    the same, numbers only (what starting an interview reads) ${f(numbers)}`);
  const start = await time(50, () => service.start(RETURNING, config));
  lines.push(`    start an interview (returning user), end to end          ${f(start)}`);
  return lines;
}

export async function benchLeaderboardSqlite(content: Content, seed = DEFAULT_SEED): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), "star-bench-")), "board.db");
  await (await openSqliteStore(file)).close();
  const database = new BetterSqlite3(file);
  const raw = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  await fill(raw, seedRows(content, seed));
  await raw.destroy();
  const store = await openSqliteStore(file);
  try {
    return await measure(store, content);
  } finally {
    await store.close();
  }
}

export async function benchLeaderboardPostgres(
  url: string,
  content: Content,
  seed = DEFAULT_SEED,
): Promise<string[]> {
  const schema = `star_bench_${randomBytes(4).toString("hex")}`;
  await (await openPostgresStore(url, { schema })).close();
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  const raw = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await fill(raw, seedRows(content, seed));
    const store = await openPostgresStore(url, { schema });
    // Statistics, as autovacuum would have them on a server that has been running.
    await sql`analyze`.execute(raw);
    try {
      return await measure(store, content);
    } finally {
      await store.close();
    }
  } finally {
    await raw.schema.dropSchema(schema).ifExists().cascade().execute();
    await raw.destroy();
  }
}

/** The figures for bench/run.ts. */
export async function benchLeaderboard(content: Content): Promise<string[]> {
  const s = DEFAULT_SEED;
  const lines = [
    `\nstore: a server of ${s.users} users and ${s.answers.toLocaleString("en")} answers (returning user: ${s.returning.toLocaleString("en")} answers)`,
    "  SQLite (WAL, file)",
    ...(await benchLeaderboardSqlite(content)),
  ];
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) lines.push("  PostgreSQL", ...(await benchLeaderboardPostgres(url, content)));
  else lines.push("  PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure");
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchLeaderboard(shippedContent())) console.log(line);
}
