import { describe, expect, it } from "vitest";
import { inProcessEngine } from "../../src/core/grading/engine.js";
import type { Grade } from "../../src/core/grading/types.js";
import type { GradeFn } from "../../src/sessions/grader.js";
import { withGuildSettings } from "../../src/sessions/guild-grading.js";
import { storeBudgetLedger } from "../../src/store/llm-ports.js";
import { judgement } from "../fake-openai/judgements.js";
import { startFakeOpenAI } from "../fake-openai/server.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { harness } from "../helpers/sessions.js";
import { inputFor, llmGrader } from "../llm/helpers.js";

const input = {
  answer: STRONG_ANSWER,
  question: { id: null, text: "Tell me about a time you improved dispatch.", competency: null, probes: [] },
  level: "entry" as const,
};

describe("server grading settings", () => {
  it("grades offline where a server turned the LLM off, or spent its daily budget", async () => {
    const { store } = await harness();
    const calls: string[] = [];
    const llm: GradeFn = async (_input, who) => {
      calls.push(who.guildId ?? "dm");
      return { grader: "llm" } as Grade;
    };
    const now = () => new Date("2026-03-01T12:00:00Z");
    const grade = withGuildSettings(llm, true, store, inProcessEngine(content), now);
    expect((await grade(input, { userId: "u", guildId: "g-on" })).grader).toBe("llm");
    await store.saveGuildSettings(
      "g-off",
      {
        defaultLevel: null,
        llmGrading: false,
        dailyLlmTokens: 0,
        groupFeedback: "private",
        retentionDays: 0,
      },
      now().toISOString(),
    );
    expect((await grade(input, { userId: "u", guildId: "g-off" })).grader).toBe("offline");
    await store.saveGuildSettings(
      "g-cap",
      {
        defaultLevel: null,
        llmGrading: true,
        dailyLlmTokens: 1000,
        groupFeedback: "private",
        retentionDays: 0,
      },
      now().toISOString(),
    );
    await store.spendTokens("someone", "g-cap", 1200, "2026-03-01");
    const capped = await grade(input, { userId: "u", guildId: "g-cap" });
    expect(capped).toMatchObject({ grader: "offline", fallback: "budget_exceeded" });
    expect((await grade(input, { userId: "u", guildId: null })).grader).toBe("llm");
    expect(calls).toEqual(["g-on", "dm"]);
    await store.close();
  });

  it("holds a server's own daily budget under concurrent answers: reserved before each LLM call", async () => {
    const fake = await startFakeOpenAI(() => ({
      content: judgement("Partial"),
      usage: { prompt_tokens: 2000, completion_tokens: 500 },
      delayMs: 300,
    }));
    const { store } = await harness();
    const now = () => new Date("2026-03-01T12:00:00Z");
    await store.saveGuildSettings(
      "g-cap",
      {
        defaultLevel: null,
        llmGrading: true,
        dailyLlmTokens: 5000,
        groupFeedback: "private",
        retentionDays: 0,
      },
      now().toISOString(),
    );
    const { grader } = llmGrader(fake, { ledger: storeBudgetLedger(store), now });
    const grade = withGuildSettings(
      (i, who) => grader.grade(i, who),
      true,
      store,
      inProcessEngine(content),
      now,
    );
    const grades = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        grade(inputFor(`${STRONG_ANSWER}${" ".repeat(i + 1)}`), { userId: `u${i}`, guildId: "g-cap" }),
      ),
    );
    const estimate = Math.max(
      ...fake.requests.map((r) => Math.ceil((r.system.length + r.user.length) / 4) + 1500),
    );
    expect((await store.tokensSpent("u0", "g-cap", "2026-03-01")).guild).toBeLessThanOrEqual(5000 + estimate);
    expect(grades.filter((g) => g.fallback === "budget_exceeded").length).toBeGreaterThan(0);
    await fake.close();
    await store.close();
  });
});
