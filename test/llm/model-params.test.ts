import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { judgement } from "../fake-openai/judgements.js";
import { type FakeOpenAI, type RecordedRequest, type Reply, startFakeOpenAI } from "../fake-openai/server.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { inputFor, llmGrader } from "./helpers.js";

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.close());

// What OpenAI answers a reasoning model (o-series, gpt-5) that is sent temperature 0 or max_tokens.
const TEMPERATURE_REJECTED: Reply = {
  status: 400,
  content:
    "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
  error: { type: "invalid_request_error", param: "temperature", code: "unsupported_value" },
};
const MAX_TOKENS_REJECTED: Reply = {
  status: 400,
  content:
    "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
  error: { type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" },
};

/** A reasoning model: it refuses temperature and max_tokens, and grades otherwise. */
function reasoningModel(request: RecordedRequest): Reply {
  if (request.body.temperature !== undefined) return TEMPERATURE_REJECTED;
  if (request.body.max_tokens !== undefined) return MAX_TOKENS_REJECTED;
  return { content: judgement("Partial") };
}

describe("a model that rejects temperature or max_tokens (reasoning models)", () => {
  it("is sent the request again without them, grades, and is not sent them again", async () => {
    fake.handle(reasoningModel);
    const { grader, logs } = llmGrader(fake, { env: { OPENAI_MODEL: "o4-mini" } });

    const first = await grader.grade(inputFor(STRONG_ANSWER));
    expect(first).toMatchObject({ grader: "llm", fallback: null, model: "o4-mini" });
    expect(fake.requests).toHaveLength(3);
    const last = fake.requests[2]?.body;
    expect(last?.temperature).toBeUndefined();
    expect(last?.max_tokens).toBeUndefined();
    expect(last?.max_completion_tokens).toBe(1500);

    // Learnt once: the next grade is one request, with the parameters the model accepts.
    const second = await grader.grade(inputFor(`${STRONG_ANSWER} Again.`));
    expect(second.grader).toBe("llm");
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[3]?.body).toMatchObject({ max_completion_tokens: 1500 });
    expect(fake.requests[3]?.body.temperature).toBeUndefined();

    // Said in the log, once per parameter, never silently; never the answer.
    const warnings = logs()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string; param?: string })
      .filter((l) => l.param);
    expect(warnings.map((w) => w.param)).toEqual(["temperature", "max_tokens"]);
    expect(logs()).not.toContain("Memphis");
  });

  it("understands a gateway that only relays the message", async () => {
    fake.enqueue({ status: 400, content: MAX_TOKENS_REJECTED.content }, { content: judgement("Partial") });
    const { grader } = llmGrader(fake);
    expect((await grader.grade(inputFor(STRONG_ANSWER))).grader).toBe("llm");
    expect(fake.requests[1]?.body.max_completion_tokens).toBe(1500);
  });

  it("still falls back on any other 400, at once", async () => {
    fake.handle(() => ({
      status: 400,
      content: "Invalid schema for response_format 'star_grade'.",
      error: { type: "invalid_request_error", param: "response_format", code: "invalid_value" },
    }));
    const { grader } = llmGrader(fake);
    expect((await grader.grade(inputFor(STRONG_ANSWER))).fallback).toBe("api_error");
    expect(fake.requests).toHaveLength(1);
  });

  it("learns it once when several grades meet the 400 at the same time", async () => {
    fake.handle(reasoningModel);
    const { grader, logs } = llmGrader(fake);
    const grades = await Promise.all(
      [1, 2, 3].map((i) => grader.grade(inputFor(`${STRONG_ANSWER}${" ".repeat(i)}`))),
    );
    expect(grades.map((g) => g.fallback)).toEqual([null, null, null]);
    expect(logs().match(/"param":"temperature"/g)).toHaveLength(1);
  });
});
