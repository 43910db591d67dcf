import { describe, expect, it } from "vitest";
import { z } from "zod";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";

/** The public contract of `grade --jsonl` (README): names, types and ranges. */
const Score = z.object({ score: z.number().int().min(0).max(4), evidence: z.array(z.string()) });
const ContractLine = z.object({
  id: z.string(),
  grader: z.literal("offline"),
  overall: z.number().int().min(1).max(5),
  criteria: z.object({
    situation: Score,
    task: Score,
    action: Score,
    result: Score,
    data_evidence: Score,
    ownership: Score,
  }),
  flags: z.object({
    quantified_result: z.boolean(),
    baseline_and_after: z.boolean(),
    method_or_framework: z.boolean(),
    first_person_ownership: z.boolean(),
    hypothetical: z.boolean(),
  }),
  missing: z.array(z.string()),
  follow_up: z.string().min(1),
  tips: z.array(z.string()),
});

describe("star-coach grade", () => {
  it("grades a batch in input order, one line per input; a bad line yields an error and exit 1", async () => {
    const input = [
      JSON.stringify({ id: "a", question: "q-defect-spike-first-hours", answer: STRONG_ANSWER }),
      "this is not json",
      JSON.stringify({
        id: "b",
        question: "Tell me about a time you cut cost.",
        answer: "I would cut cost.",
      }),
      JSON.stringify({ id: "c", question: "Tell me about a time you cut cost." }),
      JSON.stringify({ id: 7, question: "Tell me about a time you cut cost.", answer: "" }),
    ].join("\n");
    const run = await runInProcess(["grade", "--jsonl"], { input });
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(["a", null, "b", "c", "7"]);
    ContractLine.parse(lines[0]);
    ContractLine.parse(lines[2]);
    ContractLine.parse(lines[4]);
    expect(lines[1]).toEqual({ id: null, line: 2, error: "line is not valid JSON" });
    expect(lines[3]).toMatchObject({ id: "c", error: expect.stringContaining("answer") });
    expect(lines[0]).toMatchObject({ question_id: "q-defect-spike-first-hours", level: "entry" });
    expect((lines[2] as { flags: { hypothetical: boolean } }).flags.hypothetical).toBe(true);
  });

  it("prints a readable report for one answer from a file, and JSON on request", async () => {
    const report = await runInProcess(
      ["grade", "--question-text", "Tell me about a time you improved dispatch.", "-"],
      { input: STRONG_ANSWER },
    );
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^Overall \d\/5/m);
    expect(report.stdout).toMatch(/^Result +●+○* \d\/4/m);
    expect(report.stdout).toContain("Follow-up");
    const json = await runInProcess(
      ["grade", "--question-text", "Tell me about a time you improved dispatch.", "--json"],
      { input: STRONG_ANSWER },
    );
    expect(
      ContractLine.extend({ id: z.null() }).parse(JSON.parse(json.stdout)).overall,
    ).toBeGreaterThanOrEqual(4);
  });

  it("grades a 1 MB --jsonl line, cut to the size limit with a notice, and the lines after it", async () => {
    const huge = `${STRONG_ANSWER}\n${"I mapped the flow and we cut the wait ".repeat(28_000)}`;
    const input = [
      JSON.stringify({ id: "huge", question: "Tell me about a time you improved a process.", answer: huge }),
      JSON.stringify({ id: "next", question: "q-defect-spike-first-hours", answer: STRONG_ANSWER }),
    ].join("\n");
    const run = await runInProcess(["grade", "--jsonl", "--grader", "offline"], { input });
    expect(run.code).toBe(0);
    const [first, second] = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; notices: string[] });
    ContractLine.parse(first);
    expect(first?.notices[0]).toMatch(/^This answer is 1,06\d,\d{3} characters long .* at most 20,000/);
    for (const c of Object.values(ContractLine.parse(first).criteria))
      for (const quote of c.evidence) expect(huge).toContain(quote);
    expect(second?.id).toBe("next");
  });

  it("refuses an unknown question id with a clear message", async () => {
    const run = await runInProcess(["grade", "--question", "no-such-question"], { input: "x" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no question has the id "no-such-question"');
  });

  it("reports a --jsonl line whose question reads as an id but is none, and exits 1; the rest are graded", async () => {
    const input = [
      { id: "known", question: "inv-cycle-count-gap", answer: STRONG_ANSWER },
      { id: "typo", question: "inv-cycle-count-gapp", answer: STRONG_ANSWER },
      { id: "free", question: "Tell me about a time you cut lead time.", answer: STRONG_ANSWER },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const run = await runInProcess(["grade", "--jsonl"], { input });
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(["known", "typo", "free"]);
    expect(lines[0]).toMatchObject({ question_id: "inv-cycle-count-gap" });
    expect(lines[1]).toEqual({
      id: "typo",
      line: 2,
      error:
        'question: no question has the id "inv-cycle-count-gapp"; star-coach questions lists them (free text must be the question itself)',
    });
    ContractLine.parse(lines[2]);
  });
});

describe("star-coach eval", () => {
  it("prints agreement tables for our set and for the shared format", async () => {
    const ours = await runInProcess(["eval"]);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toMatch(/labels on a 0-4 scale/);
    expect(ours.stdout).toMatch(/^data_evidence +\d+ /m);
    expect(ours.stdout).toMatch(/overall: Spearman 0\.\d\d/);
    const shared = [
      {
        id: "x1",
        question: "Tell me about a time you improved a process.",
        answer: STRONG_ANSWER,
        labels: { situation: 2, task: 2, action: 2, result: 2, hypothetical: false },
        overall: 5,
      },
      {
        id: "x2",
        question: "Tell me about a time you improved a process.",
        answer: "I would use Lean.",
        labels: { situation: 0, task: 0, action: 0, result: 0, hypothetical: true },
        overall: 1,
      },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const run = await runInProcess(["eval", "-", "--json"], { input: shared });
    const [report] = JSON.parse(run.stdout) as Array<{
      scale: string;
      n: number;
      overall: { spearman: number };
    }>;
    expect(report).toMatchObject({ scale: "0-2", n: 2 });
    expect(report?.overall.spearman).toBe(1);
  });
});
