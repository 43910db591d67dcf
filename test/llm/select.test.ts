import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import type { Grade } from "../../src/core/grading/types.js";
import { cacheKey, offlineVersions } from "../../src/llm/cache-key.js";
import { NoApiKeyError } from "../../src/llm/errors.js";
import { MemoryBudgetLedger, MemoryGradeCache } from "../../src/llm/memory.js";
import { createGrader } from "../../src/llm/select.js";
import { createLogger } from "../../src/log.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { API_KEY, content, inputFor } from "./helpers.js";

const logger = createLogger({ level: "silent" });

describe("choosing a grader", () => {
  it("auto uses the LLM only when a key is set; offline never does; llm without a key is an error", () => {
    const none = parseConfig({});
    const keyed = parseConfig({ OPENAI_API_KEY: API_KEY });
    expect(createGrader("auto", { config: none, content, logger }).kind).toBe("offline");
    expect(createGrader("auto", { config: keyed, content, logger }).kind).toBe("llm");
    expect(createGrader("offline", { config: keyed, content, logger }).kind).toBe("offline");
    expect(() => createGrader("llm", { config: none, content, logger })).toThrow(NoApiKeyError);
  });

  it("grades offline exactly as the offline grader does", async () => {
    const grader = createGrader("offline", { config: parseConfig({}), content, logger });
    const input = inputFor(STRONG_ANSWER);
    expect(await grader.grade(input)).toEqual(gradeAnswer(input, content));
  });
});

describe("LLM settings", () => {
  it("default to a 20 s timeout and unlimited budgets", () => {
    expect(parseConfig({})).toMatchObject({
      OPENAI_TIMEOUT_MS: 20_000,
      LLM_DAILY_TOKENS_PER_USER: 0,
      LLM_DAILY_TOKENS_PER_GUILD: 0,
    });
  });

  it("reject values that are not whole, positive numbers", () => {
    let error: unknown;
    try {
      parseConfig({
        OPENAI_TIMEOUT_MS: "20s",
        LLM_DAILY_TOKENS_PER_USER: "-5",
        LLM_DAILY_TOKENS_PER_GUILD: "1.5",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatchInlineSnapshot(`
      "Configuration is invalid:
        - OPENAI_TIMEOUT_MS: must be a number of milliseconds
        - LLM_DAILY_TOKENS_PER_USER: must be 0 (unlimited) or more
        - LLM_DAILY_TOKENS_PER_GUILD: must be a whole number of tokens"
    `);
  });
});

describe("in-memory cache and ledger", () => {
  const grade = gradeAnswer(inputFor(STRONG_ANSWER), content);

  it("the cache forgets the oldest entry past its size", async () => {
    const cache = new MemoryGradeCache(2);
    await cache.set("a", grade);
    await cache.set("b", grade);
    await cache.get("a");
    await cache.set("c", { ...grade, overall: 1 } as Grade);
    expect(await cache.get("a")).toBeNull();
    expect(await cache.get("b")).toEqual(grade);
    expect((await cache.get("c"))?.overall).toBe(1);
  });

  it("the ledger counts per user and per guild, per day", async () => {
    const ledger = new MemoryBudgetLedger();
    await ledger.spend("ana", "g1", 100, "2026-11-25");
    await ledger.spend("ana", null, 50, "2026-11-25");
    await ledger.spend("ben", "g1", 10, "2026-11-25");
    expect(await ledger.spent("ana", "g1", "2026-11-25")).toEqual({ user: 150, guild: 110 });
    expect(await ledger.spent("ana", null, "2026-11-25")).toEqual({ user: 150, guild: 0 });
    expect(await ledger.spent("ana", "g1", "2026-11-26")).toEqual({ user: 0, guild: 0 });
  });

  it("the cache key changes with every input that changes a grade", () => {
    const parts = {
      model: "gpt-4o-mini",
      promptVersion: "star-grader.v1+00000000",
      rubric: "star-om@1",
      lexicon: "v1+000000000000",
      feedback: "v1+000000000000",
      calibration: "none",
      question: "q-1",
      level: "entry" as const,
      answer: "I did it.",
    };
    const base = cacheKey(parts);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...parts })).toBe(base);
    for (const change of [
      { model: "gpt-4o" },
      { promptVersion: "star-grader.v2+00000000" },
      { rubric: "star-om@2" },
      { lexicon: "v2+000000000000" },
      { feedback: "v2+000000000000" },
      { calibration: "v1+000000000000" },
      { question: "q-2" },
      { level: "mid" as const },
      { answer: "I did it!" },
    ])
      expect(cacheKey({ ...parts, ...change })).not.toBe(base);
  });

  it("versions the offline content a grade depends on: a new lexicon or feedback version, or an edit", () => {
    const base = offlineVersions(content);
    expect(base.lexicon).toMatch(new RegExp(`^v${content.lexicon.version}\\+[0-9a-f]{12}$`));
    const bumped = (n: number) => n + 1;
    expect(
      offlineVersions({
        ...content,
        lexicon: { ...content.lexicon, version: bumped(content.lexicon.version) },
      }).lexicon,
    ).not.toBe(base.lexicon);
    expect(
      offlineVersions({
        ...content,
        feedback: { ...content.feedback, version: bumped(content.feedback.version) },
      }).feedback,
    ).not.toBe(base.feedback);
    // An edit without a version bump changes the key too.
    const notes = { ...content.feedback.notes, result: { ...content.feedback.notes.result, "0": "Edited." } };
    expect(offlineVersions({ ...content, feedback: { ...content.feedback, notes } }).feedback).not.toBe(
      base.feedback,
    );
  });
});
