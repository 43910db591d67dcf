import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fencedAnswer, judgement, sentencesOf } from "../fake-openai/judgements.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai/server.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { API_KEY } from "./helpers.js";

/** The `grade --jsonl` contract (README), for both graders. */
const Score = z.object({ score: z.number().int().min(0).max(4), evidence: z.array(z.string()) });
const Line = z.object({
  id: z.string(),
  grader: z.enum(["offline", "llm"]),
  fallback: z.string().nullable(),
  overall: z.number().int().min(1).max(5),
  criteria: z.record(z.string(), Score),
  follow_up: z.string().min(1),
});

let fake: FakeOpenAI;
let env: Record<string, string>;
beforeAll(async () => {
  // Answers that say "503" get a server error twice; the rest a plausible grade quoting their first sentence.
  fake = await startFakeOpenAI((request) => {
    const answer = fencedAnswer(request);
    if (answer.includes("503")) return { status: 503 };
    const first = sentencesOf(answer)[0] ?? "";
    return { content: judgement("Specific", { situation: { evidence: [first] } }) };
  });
  env = { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: fake.url };
});
afterAll(() => fake.close());

const answers = [
  { id: "a", question: "q-defect-spike-first-hours", answer: STRONG_ANSWER },
  {
    id: "b",
    question: "Tell me about a time you cut cost.",
    answer: "I cut cost at the 503 plant. I did it well.",
  },
  { id: "c", question: "Tell me about a time you cut cost.", answer: "" },
];

describe("star-coach grade --grader", () => {
  it("grades a batch with the LLM in input order; a fallback line says offline and why", async () => {
    const input = [...answers.map((a) => JSON.stringify(a)), "not json"].join("\n");
    const run = await runInProcess(["grade", "--jsonl"], { input, env });
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(["a", "b", "c", null]);
    const [a, b, c] = lines.slice(0, 3).map((l) => Line.parse(l));
    expect(a).toMatchObject({ grader: "llm", fallback: null });
    expect(b).toMatchObject({ grader: "offline", fallback: "server_error" });
    expect(c?.grader).toBe("llm");
    for (const [i, line] of [a, b, c].entries())
      for (const s of Object.values(line?.criteria ?? {}))
        for (const e of s.evidence) expect(answers[i]?.answer).toContain(e);
    expect(run.stderr).toContain('"reason":"server_error"');
    expect(run.stderr).not.toContain("503 plant");
    expect(run.stderr).not.toContain(API_KEY);
  });

  it("stays offline with --grader offline, even with a key", async () => {
    const before = fake.requests.length;
    const run = await runInProcess(["grade", "--jsonl", "--grader", "offline"], {
      input: JSON.stringify(answers[0]),
      env,
    });
    expect(Line.parse(JSON.parse(run.stdout)).grader).toBe("offline");
    expect(fake.requests.length).toBe(before);
  });

  it("prints the LLM's example and the model in the readable report", async () => {
    const run = await runInProcess(
      ["grade", "--question-text", "Tell me about a time you improved dispatch."],
      {
        input: STRONG_ANSWER,
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Example I cut the pick-to-pack wait from \[baseline\]/m);
    expect(run.stdout).toMatch(/^Graded by gpt-4o-mini \(prompts star-grader\.v1\+[0-9a-f]{8}\)\.$/m);
  });

  it("refuses --grader llm without a key, and an unknown grader, with exit 2", async () => {
    const llm = await runInProcess(["grade", "--grader", "llm", "--question-text", "x"], { input: "y" });
    expect(llm.code).toBe(2);
    expect(llm.stderr).toContain("the LLM grader needs OPENAI_API_KEY");
    const bogus = await runInProcess(["grade", "--grader", "gpt", "--question-text", "x"], {
      input: "y",
      env,
    });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("--grader must be one of offline, llm, auto");
  });
});

describe("star-coach eval --grader", () => {
  it("measures the LLM grader and counts its fallbacks", async () => {
    const labelled = [
      { id: "x1", question: "Tell me about a time you improved a process.", answer: STRONG_ANSWER },
      {
        id: "x2",
        question: "Tell me about a time you improved a process.",
        answer: "I would use Lean on the 503 line.",
      },
    ]
      .map((l) =>
        JSON.stringify({
          ...l,
          overall: 3,
          labels: { situation: 2, task: 2, action: 2, result: 2, hypothetical: false },
        }),
      )
      .join("\n");
    const run = await runInProcess(["eval", "-", "--json", "--grader", "llm"], { input: labelled, env });
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout) as Array<{ grader: string; fallbacks: number; n: number }>;
    expect(report).toMatchObject({ grader: "llm", fallbacks: 1, n: 2 });
  });
});
