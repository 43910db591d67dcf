import { performance } from "node:perf_hooks";
import type { Content } from "../src/core/content/load.js";
import { gradeAnswer } from "../src/core/grading/grade.js";
import { keepTerms, maskAnswer } from "../src/core/group/mask.js";
import { summarizeRound } from "../src/core/group/summary.js";
import { leaderboard } from "../src/core/leaderboard/score.js";
import { answerOfLength, percentile } from "./grader.js";

function time(runs: number, fn: () => void): { median: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p99: percentile(times, 99) };
}

/** Masking, a round summary and a leaderboard: the work a group round and /leaderboard do in core. */
export function benchGroups(content: Content): string[] {
  const keep = keepTerms(content.lexicon);
  const answer = answerOfLength(300);
  const mask = time(500, () => maskAnswer(answer, keep));
  const question = {
    id: null,
    text: "Tell me about a time you improved a process.",
    competency: null,
    probes: [],
  };
  const entries = Array.from({ length: 50 }, (_, i) => ({
    userId: `u${i}`,
    name: i % 2 ? `user ${i}` : null,
    grade: gradeAnswer({ answer: answerOfLength(60 + i * 5), question, level: "mid" }, content),
    answerText: answer,
    share: (["none", "masked", "verbatim"] as const)[i % 3] ?? "none",
  }));
  const ratings = entries.flatMap((e, i) =>
    ["situation", "task", "action", "result", "data_evidence"].map((criterion, k) => ({
      raterId: `u${(i + 1) % 50}`,
      targetId: e.userId,
      criterion: criterion as "task",
      score: (i + k) % 5,
    })),
  );
  const summary = time(200, () => summarizeRound(entries, ratings, keep));
  const now = Date.parse("2026-11-25T12:00:00Z");
  const points = Array.from({ length: 20_000 }, (_, i) => ({
    userId: `u${i % 500}`,
    at: new Date(now - (i % 90) * 86_400_000 - i * 1000).toISOString(),
    overall: 1 + (i % 5),
  }));
  const board = time(20, () =>
    leaderboard(points, {
      from: new Date(now - 30 * 86_400_000).toISOString(),
      now: new Date(now).toISOString(),
    }),
  );
  const f = (x: { median: number; p99: number }) =>
    `median ${x.median.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms`;
  return [
    `  mask a 300-word answer:                          ${f(mask)}`,
    `  summarize a round of 50 answers, 250 ratings:    ${f(summary)}`,
    `  leaderboard of 500 users from 20,000 answers:    ${f(board)}`,
  ];
}
