import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { inProcessEngine, type OfflineEngine } from "../../src/core/grading/engine.js";
import type { GradeInput } from "../../src/core/grading/grade.js";
import { createGrader } from "../../src/llm/select.js";
import { createLogger } from "../../src/log.js";
import { withGuildSettings } from "../../src/sessions/guild-grading.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { harness } from "../helpers/sessions.js";
import { API_KEY, inputFor } from "../llm/helpers.js";

const logger = createLogger({ level: "silent" });

/** The in-process engine, counting what it is asked: stands in for the bot's worker pool. */
function countingEngine(): OfflineEngine & { calls: string[] } {
  const inner = inProcessEngine(content);
  const calls: string[] = [];
  return {
    calls,
    grade: (input: GradeInput) => {
      calls.push("grade");
      return inner.grade(input);
    },
    gradeWithEvidence: (input: GradeInput) => {
      calls.push("gradeWithEvidence");
      return inner.gradeWithEvidence(input);
    },
  };
}

describe("the offline engine the bot passes in", () => {
  it("grades the offline grader's answers", async () => {
    const offline = countingEngine();
    const grader = createGrader("auto", { config: parseConfig({}), content, logger, offline });
    await grader.grade(inputFor(STRONG_ANSWER));
    expect(offline.calls).toEqual(["grade"]);
  });

  it("computes the LLM grader's offline grade and evidence", async () => {
    const offline = countingEngine();
    // Nothing listens on port 9: the LLM call fails and the grade is the engine's, marked.
    const config = parseConfig({ OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    const grader = createGrader("llm", { config, content, logger, offline });
    const input = inputFor(STRONG_ANSWER);
    const grade = await grader.grade(input);
    expect(offline.calls).toEqual(["gradeWithEvidence"]);
    expect(grade).toEqual({ ...(await inProcessEngine(content).grade(input)), fallback: "connection" });
  });

  it("grades where a server turned the LLM off", async () => {
    const { store } = await harness();
    const offline = countingEngine();
    const llm = async () => {
      throw new Error("the LLM is off in this server");
    };
    const now = () => new Date("2026-03-01T12:00:00Z");
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
    const grade = withGuildSettings(llm, true, store, offline, now);
    expect((await grade(inputFor(STRONG_ANSWER), { userId: "u", guildId: "g-off" })).grader).toBe("offline");
    expect(offline.calls).toEqual(["grade"]);
    await store.close();
  });
});
