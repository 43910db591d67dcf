import { describe, expect, it } from "vitest";
import { formatSessionReport } from "../../src/cli/session-report.js";
import { summarize } from "../../src/core/interview/grade-summary.js";
import { createInterview, step } from "../../src/core/interview/machine.js";
import { type ReportStory, sessionReport } from "../../src/core/interview/report.js";
import type { InterviewState } from "../../src/core/interview/types.js";
import { LIMITS } from "../../src/discord/limits.js";
import { reportEmbed } from "../../src/discord/render/report-embed.js";
import { content, grade, STRONG_ANSWER } from "../helpers/grade.js";
import { DISPATCH, KAIZEN, KAIZEN_RETOLD, UNRELATED } from "../helpers/stories.js";

const strong = summarize(grade(STRONG_ANSWER));
const weak = summarize(grade("We fixed the scheduling and things got much better."));

const kaizen: ReportStory = {
  id: "k",
  title: "Pump line kaizen",
  text: KAIZEN,
  competencies: ["process-improvement", "scheduling"],
};
const dispatch: ReportStory = {
  id: "d",
  title: "Dispatch_cutoff *Memphis*",
  text: DISPATCH,
  competencies: ["supply-chain", "safety"],
};

/**
 * Three questions: the first answered with an unrelated answer, then a better revision that retells the
 * kaizen story; the second retells the kaizen story; the third is skipped.
 */
function session(): InterviewState {
  let s = createInterview({
    id: "s1",
    userId: "u",
    config: { level: "mid", competencies: [], questionCount: 3, followUps: false, answerTimeLimitSec: null },
    questionIds: ["q1", "q2", "q3"],
    at: "2026-01-02T00:00:00.000Z",
  }).state;
  const apply = (e: Parameters<typeof step>[1]) => {
    const r = step(s, e);
    if (!r.ok) throw r.error;
    s = r.state;
  };
  apply({ type: "answer", attemptId: "a1", at: "2026-01-02T00:01:00.000Z" });
  apply({ type: "graded", attemptId: "a1", grade: weak, at: "2026-01-02T00:01:01.000Z" });
  apply({ type: "retry", attemptId: "a2", at: "2026-01-02T00:02:00.000Z" });
  apply({ type: "graded", attemptId: "a2", grade: strong, at: "2026-01-02T00:02:01.000Z" });
  apply({ type: "next", at: "2026-01-02T00:03:00.000Z" });
  apply({ type: "answer", attemptId: "b1", at: "2026-01-02T00:04:00.000Z" });
  apply({ type: "graded", attemptId: "b1", grade: strong, at: "2026-01-02T00:04:01.000Z" });
  apply({ type: "next", at: "2026-01-02T00:05:00.000Z" });
  apply({ type: "skip", at: "2026-01-02T00:06:00.000Z" });
  return s;
}

const answers = new Map([
  ["a1", UNRELATED],
  ["a2", KAIZEN_RETOLD[0]],
  ["b1", KAIZEN_RETOLD[1]],
]);

const withPosting = (s: InterviewState, competencies: string[]): InterviewState => ({
  ...s,
  config: { ...s.config, posting: { competencies } },
});

describe("the report's story lines", () => {
  it("names the story of the answer that counts, and warns about one story answering every answer", () => {
    const report = sessionReport(session(), new Map(), [], { stories: [kaizen, dispatch], answers });
    expect(report.stories).toEqual({
      perQuestion: [
        { storyId: "k", title: "Pump line kaizen" },
        { storyId: "k", title: "Pump line kaizen" },
        null,
      ],
      warnings: ["You used *Pump line kaizen* for 2 of 2 answers; interviewers notice."],
    });
    expect(report.postingFit).toBeNull();
  });

  it("has no story lines when the user has no stories, or they could not be read", () => {
    expect(sessionReport(session(), new Map(), [], { stories: [], answers }).stories).toBeNull();
    const unread = sessionReport(withPosting(session(), ["safety"]), new Map(), [], {
      stories: null,
      answers,
    });
    expect(unread.stories).toBeNull();
    expect(unread.postingFit).toBeNull();
    expect(sessionReport(session(), new Map(), []).stories).toBeNull();
  });
});

describe("a posting's interview ends with how the user's stories fit the posting", () => {
  const posting = [
    "safety",
    "cost",
    "scheduling",
    "quality",
    "process-improvement",
    "leadership",
    "supply-chain",
  ];

  it("lists the fitting stories, best overlap first, and the posting's top six no story covers", () => {
    const state = withPosting(session(), posting);
    const report = sessionReport(state, new Map(), [], { stories: [dispatch, kaizen], answers });
    expect(report.postingFit).toEqual({
      fits: [
        { storyId: "k", title: "Pump line kaizen", competencies: ["scheduling", "process-improvement"] },
        // Supply chain is the posting's seventh: only safety counts.
        { storyId: "d", title: "Dispatch_cutoff *Memphis*", competencies: ["safety"] },
      ],
      uncovered: ["cost", "quality", "leadership"],
    });
  });

  it("says what to prepare for a posting even before the user has stories", () => {
    const report = sessionReport(withPosting(session(), posting), new Map(), [], { stories: [], answers });
    expect(report.stories).toBeNull();
    expect(report.postingFit).toEqual({ fits: [], uncovered: posting.slice(0, 6) });
  });

  it("shows it in the terminal as plain text", () => {
    const state = withPosting(session(), posting);
    const report = sessionReport(state, new Map(), [], { stories: [dispatch, kaizen], answers });
    const out = formatSessionReport(report, content.bank, (_s, t) => t);
    expect(out).toContain("   story: Pump line kaizen\n");
    expect(out).toContain("! You used Pump line kaizen for 2 of 2 answers; interviewers notice.");
    expect(out.slice(out.indexOf("For this posting"))).toBe(
      [
        "For this posting",
        // A title is shown as the user typed it; only the warnings' italics are markdown.
        "  Stories that fit: Pump line kaizen (scheduling, process-improvement); Dispatch_cutoff *Memphis* (safety)",
        "  No story yet for: cost, quality, leadership",
        "",
      ].join("\n"),
    );
  });

  it("shows it on Discord within the embed limits, titles escaped, competencies by name", () => {
    const many: ReportStory[] = Array.from({ length: 50 }, (_, i) => ({
      ...kaizen,
      id: `k${i}`,
      title: `${"Long kaizen title ".repeat(6)}${i}`,
    }));
    const state = withPosting(session(), posting);
    const small = reportEmbed(
      sessionReport(state, new Map(), [], { stories: [dispatch, kaizen], answers }),
      content.bank,
    );
    const field = (name: string) => small.fields?.find((f) => f.name === name)?.value;
    expect(small.fields?.[0]?.value).toMatch(/\nStory: \*Pump line kaizen\*$/);
    expect(field("Story reuse")).toBe("You used *Pump line kaizen* for 2 of 2 answers; interviewers notice.");
    expect(field("For this posting")).toBe(
      [
        "Stories that fit: *Pump line kaizen* (Production scheduling and capacity, Process improvement and waste); *Dispatch\\_cutoff \\*Memphis\\** (Safety and operational risk)",
        "No story yet for: Cost reduction and budgeting, Quality and Six Sigma, Leading and developing teams",
      ].join("\n"),
    );
    expect(small.fields?.at(-1)?.name).toBe("For this posting");

    const big = reportEmbed(sessionReport(state, new Map(), [], { stories: many, answers }), content.bank);
    const value = big.fields?.find((f) => f.name === "For this posting")?.value ?? "";
    expect(Array.from(value).length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(value).toMatch(/…\nNo story yet for: Safety and operational risk, Cost reduction/);
    const total = [big.title, big.description, ...(big.fields ?? []).flatMap((f) => [f.name, f.value])]
      .map((s) => Array.from(s ?? "").length)
      .reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(big.fields?.length).toBeLessThanOrEqual(LIMITS.fields);
  });
});
