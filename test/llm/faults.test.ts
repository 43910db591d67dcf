import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import type { FallbackReason } from "../../src/core/grading/types.js";
import { judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, type Reply, startFakeOpenAI } from "../fake-openai/server.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { API_KEY, content, inputFor, llmGrader } from "./helpers.js";

const OK: Reply = { content: judgement("Partial") };

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.close());

async function gradeWith(replies: Reply[], env: Record<string, string> = {}) {
  fake.enqueue(...replies);
  const { grader, logs } = llmGrader(fake, { env });
  const started = Date.now();
  const grade = await grader.grade(inputFor(STRONG_ANSWER));
  return { grade, ms: Date.now() - started, requests: fake.requests.length, logs: logs() };
}

describe("LLM grader faults: the offline grade comes back, marked with the reason", () => {
  const cases: Array<[string, Reply[], FallbackReason, number]> = [
    ["a 429 twice", [{ status: 429, headers: { "retry-after": "0" } }, { status: 429 }], "rate_limited", 2],
    ["a 5xx twice", [{ status: 500 }, { status: 502 }], "server_error", 2],
    ["a dropped connection, twice", [{ hangUp: true }, { hangUp: true }], "connection", 2],
    ["a reply that is not JSON", [{ content: '{"criteria": {"situation": ' }], "invalid_output", 1],
    ["JSON that breaks the schema", [{ content: { criteria: {}, missing: "none" } }], "invalid_output", 1],
    [
      "an anchor that is not one of the labels",
      [{ content: judgement("Perfect" as "Exemplary") }],
      "invalid_output",
      1,
    ],
    ["an empty reply", [{ content: null }], "invalid_output", 1],
    ["a refusal", [{ content: null, refusal: "I can't help with that." }], "refused", 1],
    ["a content filter stop", [{ ...OK, finishReason: "content_filter" }], "refused", 1],
    ["a reply cut off by the token limit", [{ ...OK, finishReason: "length" }], "length", 1],
    ["a rejected key", [{ status: 401 }], "api_error", 1],
    ["a request the server does not support", [{ status: 400 }], "api_error", 1],
  ];

  it.each(cases)("%s", async (_name, replies, reason, requests) => {
    const run = await gradeWith(replies);
    const input = inputFor(STRONG_ANSWER);
    expect(run.grade).toEqual({ ...gradeAnswer(input, content), fallback: reason });
    expect(run.requests).toBe(requests);
    expect(run.logs).toContain(`"reason":"${reason}"`);
    expect(run.logs).not.toContain("Memphis");
    expect(run.logs).not.toContain(API_KEY);
  });

  // Deadlines are told by what the replies get, never by timing the call: a reply in a fifth of the
  // deadline is taken, one three times as late is not (and no second request is sent).
  it("times out after OPENAI_TIMEOUT_MS, without a second try", async () => {
    const inTime = await gradeWith([{ ...OK, delayMs: 200 }], { OPENAI_TIMEOUT_MS: "1000" });
    expect(inTime.grade).toMatchObject({ grader: "llm", fallback: null });
    const late = await gradeWith([{ ...OK, delayMs: 3000 }], { OPENAI_TIMEOUT_MS: "1000" });
    expect(late.grade.fallback).toBe("timeout");
    expect(late.requests - inTime.requests).toBe(1);
  });

  it("keeps the deadline when the server stalls after sending its headers", async () => {
    // The SDK's own timeout stops at the headers: without the deadline this call would never end.
    const run = await gradeWith([{ stallBody: true }], { OPENAI_TIMEOUT_MS: "1000" });
    expect(run.grade.fallback).toBe("timeout");
    expect(run.requests).toBe(1);
    expect(run.logs).toContain('"reason":"timeout"');
  });

  it("waits as long as retry-after asks when the deadline allows, then grades", async () => {
    const run = await gradeWith([{ status: 429, headers: { "retry-after": "1" } }, OK]);
    expect(run.grade).toMatchObject({ grader: "llm", fallback: null });
    expect(run.ms).toBeGreaterThanOrEqual(950);
    expect(run.requests).toBe(2);
  });

  it("falls back at once when retry-after asks for longer than the deadline", async () => {
    // Two minutes, far past the deadline (5 s here) and this test's timeout: no wait, no second request.
    const run = await gradeWith([{ status: 429, headers: { "retry-after": "120" } }, OK]);
    expect(run.grade.fallback).toBe("rate_limited");
    expect(run.requests).toBe(1);
  });

  it("retries one 5xx and grades", async () => {
    const run = await gradeWith([{ status: 503 }, OK]);
    expect(run.grade.grader).toBe("llm");
    expect(run.requests).toBe(2);
  });

  it.each([
    ["no completion_tokens", { prompt_tokens: 700 }, { prompt_tokens: 700, completion_tokens: 0 }],
    [
      "negative counts",
      { prompt_tokens: -5, completion_tokens: -1 },
      { prompt_tokens: 0, completion_tokens: 0 },
    ],
    [
      "counts that are not numbers",
      { prompt_tokens: "many", completion_tokens: null },
      { prompt_tokens: 0, completion_tokens: 0 },
    ],
  ])("keeps the grade and reads a usage with %s as whole counts from 0", async (_name, rawUsage, read) => {
    const run = await gradeWith([{ ...OK, rawUsage }]);
    expect(run.grade.fallback ?? null).toBeNull();
    expect(run.grade.grader).toBe("llm");
    expect(run.grade.usage).toEqual(read);
  });

  it("falls back when nothing listens on the server's port", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { grader, logs } = llmGrader(fake, { env: { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` } });
    const grade = await grader.grade(inputFor(STRONG_ANSWER));
    expect(grade.fallback).toBe("connection");
    expect(logs()).toContain('"reason":"connection"');
  });
});
