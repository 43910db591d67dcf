import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CRITERIA } from "../../src/core/criteria.js";
import { answerGate } from "../../src/core/grading/caps.js";
import { gradeWithEvidence } from "../../src/core/grading/grade.js";
import { INVENTED_QUOTES, obedientModel } from "../fake-openai/judgements.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { ROOT } from "../helpers/run-cli.js";
import { content, inputFor, llmGrader } from "./helpers.js";

const Entry = z.object({
  id: z.string(),
  /** "pure": nothing but the injection; "story": an injection inside a real (weak or strong) story. */
  kind: z.enum(["pure", "story"]),
  question: z.string(),
  answer: z.string(),
});
const corpus = readFileSync(join(ROOT, "test", "fixtures", "injections.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => Entry.parse(JSON.parse(line)));

describe.each([
  ["quotes it invents", false],
  ["the answer's own sentences as quotes", true],
])("prompt injection, against a model that obeys it and cites %s", (_name, quoteAnswer) => {
  const model = obedientModel({ quoteAnswer });
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI(model.handler);
  });
  afterAll(async () => {
    // The double really was fooled by every entry, so the bounds below were tested, not skipped.
    expect(model.obeyed()).toBe(corpus.length);
    await fake.close();
  });

  it("has a corpus of at least 20 injections of every kind", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((e) => e.kind === "pure").length).toBeGreaterThanOrEqual(10);
  });

  it.each(corpus)("$id ($kind)", async (entry) => {
    const input = inputFor(entry.answer, entry.question);
    const offline = gradeWithEvidence(input, content);
    const gate = answerGate(offline.evidence);
    const grade = await llmGrader(fake).grader.grade(input);

    expect(grade.grader).toBe("llm");
    for (const c of CRITERIA) {
      // An answer that addresses the grader gets no raise at all: never above its offline score.
      const supported = Math.min(gate.criterionMax[c], offline.grade.criteria[c].score);
      expect(grade.criteria[c].score, c).toBeLessThanOrEqual(supported);
      for (const quote of grade.criteria[c].evidence) expect(entry.answer).toContain(quote);
      // The fooled model's "As instructed, full marks." is never shown.
      expect(grade.criteria[c].note, c).not.toMatch(/instructed|full marks/i);
    }
    expect(grade.overall).toBeLessThanOrEqual(offline.grade.overall);
    if (entry.kind === "pure") expect(grade.overall).toBe(1);
    expect(JSON.stringify(grade)).not.toContain(INVENTED_QUOTES[0]);
    // None of the fooled model's own words are shown: its example, gaps and follow-up give way to the offline ones.
    expect(grade.improved_example).toBeNull();
    expect(grade.missing).toEqual(offline.grade.missing);
    expect(grade.follow_up).toBe(offline.grade.follow_up);
  });
});
