import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Grade } from "../../src/core/grading/types.js";
import { MemoryBudgetLedger } from "../../src/llm/memory.js";
import type { BudgetLedger } from "../../src/llm/ports.js";
import { storeBudgetLedger } from "../../src/store/llm-ports.js";
import { openPostgresStore, openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { dropSchemaLater } from "../helpers/postgres-schemas.js";
import { tempDbPath } from "../helpers/sessions.js";
import { inputFor, llmGrader } from "./helpers.js";

const DAY = "2026-11-25";
const now = () => new Date(`${DAY}T10:00:00Z`);
/** What each reply reports it cost: less than the grader's estimate (prompt + 1,500 output tokens). */
const USAGE = { prompt_tokens: 2000, completion_tokens: 500 };
const BUDGET = 5000;

let fake: FakeOpenAI;
const stores: Store[] = [];
beforeEach(async () => {
  fake = await startFakeOpenAI();
  // Slow enough that every grade is in flight before the first reply comes back.
  fake.handle(() => ({ content: judgement("Partial"), usage: USAGE, delayMs: 300 }));
});
afterEach(async () => {
  await fake.close();
  for (const s of stores.splice(0)) await s.close();
});

/** The most one call was estimated at: what a budget may be passed by at most. */
const largestEstimate = () =>
  Math.max(...fake.requests.map((r) => Math.ceil((r.system.length + r.user.length) / 4) + 1500));

/** N different answers from one user in one server, all at once. */
async function burst(graders: Array<(answer: string) => Promise<Grade>>, n: number): Promise<Grade[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      (graders[i % graders.length] as (answer: string) => Promise<Grade>)(
        `${STRONG_ANSWER}${" ".repeat(i + 1)}`,
      ),
    ),
  );
}

const gradeWith = (ledger: BudgetLedger, env: Record<string, string>) => {
  const { grader } = llmGrader(fake, { env, ledger, now });
  return (answer: string) => grader.grade(inputFor(answer), { userId: "ana", guildId: "g1" });
};

describe.each([
  ["in memory", async (): Promise<BudgetLedger> => new MemoryBudgetLedger()],
  [
    "on the SQLite store",
    async (): Promise<BudgetLedger> => {
      const store = await openSqliteStore(tempDbPath());
      stores.push(store);
      return storeBudgetLedger(store);
    },
  ],
])("daily token budgets under concurrent grades (%s)", (_name, ledgerOf) => {
  it("never spends more than the user's budget plus one call's estimate", async () => {
    const ledger = await ledgerOf();
    const grades = await burst([gradeWith(ledger, { LLM_DAILY_TOKENS_PER_USER: String(BUDGET) })], 8);
    const spent = await ledger.spent("ana", "g1", DAY);
    expect(spent.user).toBeLessThanOrEqual(BUDGET + largestEstimate());
    // Reserved before each call and settled to the reply's usage: the ledger holds exactly what was paid.
    expect(spent.user).toBe(fake.requests.length * (USAGE.prompt_tokens + USAGE.completion_tokens));
    expect(grades.filter((g) => g.grader === "llm")).toHaveLength(fake.requests.length);
    expect(grades.filter((g) => g.fallback === "budget_exceeded")).toHaveLength(8 - fake.requests.length);
    expect(fake.requests.length).toBeGreaterThanOrEqual(1);
  });

  it("holds the guild's budget the same way", async () => {
    const ledger = await ledgerOf();
    const { grader } = llmGrader(fake, { env: { LLM_DAILY_TOKENS_PER_GUILD: String(BUDGET) }, ledger, now });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        grader.grade(inputFor(`${STRONG_ANSWER}${" ".repeat(i + 1)}`), { userId: `u${i}`, guildId: "g1" }),
      ),
    );
    expect((await ledger.spent("u0", "g1", DAY)).guild).toBeLessThanOrEqual(BUDGET + largestEstimate());
  });

  it("gives a reservation back when the call fails unbilled, and keeps the estimate when it was billed", async () => {
    const ledger = await ledgerOf();
    const grade = gradeWith(ledger, { LLM_DAILY_TOKENS_PER_USER: String(BUDGET) });
    fake.enqueue({ status: 500 }, { status: 500 });
    expect((await grade(STRONG_ANSWER)).fallback).toBe("server_error");
    expect((await ledger.spent("ana", "g1", DAY)).user).toBe(0);
    fake.enqueue({ content: '{"criteria": ' });
    expect((await grade(`${STRONG_ANSWER} `)).fallback).toBe("invalid_output");
    expect((await ledger.spent("ana", "g1", DAY)).user).toBe(largestEstimate());
  });
});

// Two processes on one PostgreSQL database: each has its own grader, they share only the ledger.
const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)("daily token budgets across two processes on PostgreSQL", () => {
  const schema = `star_budget_${randomBytes(6).toString("hex")}`;
  afterAll(() => dropSchemaLater(url as string, schema));

  it("never spends more than the budget plus one call's estimate", async () => {
    const a = await openPostgresStore(url as string, { schema, max: 4 });
    const b = await openPostgresStore(url as string, { schema, max: 4 });
    stores.push(a, b);
    const env = { LLM_DAILY_TOKENS_PER_USER: String(BUDGET) };
    const grades = await burst(
      [gradeWith(storeBudgetLedger(a), env), gradeWith(storeBudgetLedger(b), env)],
      10,
    );
    const spent = await a.tokensSpent("ana", "g1", DAY);
    expect(spent.user).toBeLessThanOrEqual(BUDGET + largestEstimate());
    expect(spent.user).toBe(fake.requests.length * (USAGE.prompt_tokens + USAGE.completion_tokens));
    expect(grades.some((g) => g.grader === "llm")).toBe(true);
  });
});
