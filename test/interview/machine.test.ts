import { describe, expect, it } from "vitest";
import { IllegalEventError } from "../../src/core/interview/errors.js";
import type { GradeSummary } from "../../src/core/interview/events.js";
import { createInterview, currentPrompt, step } from "../../src/core/interview/machine.js";
import type { InterviewState } from "../../src/core/interview/types.js";

const T = (s: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, s)).toISOString();
const config = {
  level: "mid" as const,
  competencies: [],
  questionCount: 2,
  followUps: true,
  answerTimeLimitSec: 60,
};
const weak: GradeSummary = {
  overall: 2,
  scores: { situation: 3, task: 2, action: 3, result: 1, data_evidence: 1, ownership: 3 },
  followUp: "What was the result, in numbers?",
  weakest: "result",
};
const strong: GradeSummary = {
  overall: 5,
  scores: { situation: 4, task: 4, action: 4, result: 4, data_evidence: 4, ownership: 4 },
  followUp: "n/a",
  weakest: "situation",
};

function ok(result: ReturnType<typeof step>) {
  if (!result.ok) throw result.error;
  return result;
}

function start(): InterviewState {
  return createInterview({ id: "s1", userId: "u1", config, questionIds: ["q-a", "q-b"], at: T(0) }).state;
}

describe("interview state machine", () => {
  it("asks, grades, probes the weakest criterion once, grades the follow-up with the first answer, moves on and finishes", () => {
    const created = createInterview({
      id: "s1",
      userId: "u1",
      config,
      questionIds: ["q-a", "q-b"],
      at: T(0),
    });
    expect(created.effects).toEqual([{ type: "ask_question", questionId: "q-a", index: 0, of: 2 }]);
    let r = ok(step(created.state, { type: "answer", attemptId: "a1", at: T(10) }));
    expect(r.state.phase).toBe("grading");
    expect(r.effects).toEqual([{ type: "grade", attemptId: "a1", questionId: "q-a", withAttemptId: null }]);
    r = ok(step(r.state, { type: "graded", attemptId: "a1", grade: weak, at: T(11) }));
    expect(r.state.phase).toBe("awaiting_follow_up");
    expect(r.effects).toEqual([
      { type: "show_feedback", attemptId: "a1", previousAttemptId: null },
      { type: "ask_follow_up", questionId: "q-a", text: "What was the result, in numbers?" },
    ]);
    r = ok(step(r.state, { type: "follow_up_answer", attemptId: "a2", at: T(20) }));
    expect(r.effects).toEqual([{ type: "grade", attemptId: "a2", questionId: "q-a", withAttemptId: "a1" }]);
    r = ok(step(r.state, { type: "graded", attemptId: "a2", grade: weak, at: T(21) }));
    expect(r.state.phase).toBe("reviewing");
    expect(r.effects.some((e) => e.type === "ask_follow_up")).toBe(false);
    r = ok(step(r.state, { type: "next", at: T(30) }));
    expect(r.effects).toEqual([{ type: "ask_question", questionId: "q-b", index: 1, of: 2 }]);
    r = ok(step(r.state, { type: "answer", attemptId: "b1", at: T(40) }));
    r = ok(step(r.state, { type: "graded", attemptId: "b1", grade: strong, at: T(41) }));
    expect(r.state.phase).toBe("reviewing");
    r = ok(step(r.state, { type: "next", at: T(50) }));
    expect(r.state).toMatchObject({ status: "finished", phase: "done", endedBy: "completed" });
    expect(r.effects).toEqual([{ type: "finished", endedBy: "completed" }]);
  });

  it("keeps both attempts on a retry and points feedback at the previous one", () => {
    let r = ok(step(start(), { type: "answer", attemptId: "a1", at: T(1) }));
    r = ok(step(r.state, { type: "graded", attemptId: "a1", grade: strong, at: T(2) }));
    r = ok(step(r.state, { type: "retry", attemptId: "a2", at: T(3) }));
    r = ok(step(r.state, { type: "graded", attemptId: "a2", grade: weak, at: T(4) }));
    expect(r.state.items[0]?.attempts.map((a) => [a.attemptId, a.kind, a.overall])).toEqual([
      ["a1", "answer", 5],
      ["a2", "retry", 2],
    ]);
    expect(r.effects).toEqual([{ type: "show_feedback", attemptId: "a2", previousAttemptId: "a1" }]);
  });

  it("skips a question, ends early, and marks answers given after the time limit", () => {
    let r = ok(step(start(), { type: "skip", at: T(1) }));
    expect(r.state.items[0]?.skipped).toBe(true);
    r = ok(step(r.state, { type: "answer", attemptId: "b1", at: T(90) }));
    expect(r.state.items[1]?.attempts[0]?.overTime).toBe(true);
    r = ok(step(r.state, { type: "end", at: T(91) }));
    expect(r.state).toMatchObject({ status: "finished", endedBy: "user" });
  });

  it("expires after inactivity and resumes where it was", () => {
    let r = ok(step(start(), { type: "answer", attemptId: "a1", at: T(1) }));
    r = ok(step(r.state, { type: "graded", attemptId: "a1", grade: weak, at: T(2) }));
    const tooEarly = step(r.state, { type: "expire", at: T(30), idleSeconds: 1800 });
    expect(tooEarly.ok || tooEarly.error.code).toBe("too_early_to_expire");
    r = ok(
      step(r.state, {
        type: "expire",
        at: new Date(Date.parse(T(2)) + 3_600_000).toISOString(),
        idleSeconds: 1800,
      }),
    );
    expect(r.state.status).toBe("expired");
    const blocked = step(r.state, { type: "follow_up_answer", attemptId: "a2", at: T(3) });
    expect(blocked.ok || blocked.error.code).toBe("session_expired");
    r = ok(step(r.state, { type: "resume", at: T(4) }));
    expect(r.state.status).toBe("active");
    expect(r.effects).toEqual([
      { type: "ask_follow_up", questionId: "q-a", text: "What was the result, in numbers?" },
    ]);
  });

  it("answers an illegal event with a typed error, never a throw", () => {
    const finished = ok(step(start(), { type: "end", at: T(1) })).state;
    const r = step(finished, { type: "answer", attemptId: "x", at: T(2) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(IllegalEventError);
      expect(r.error.code).toBe("session_finished");
      expect(r.error.message).toMatch(/has finished/);
    }
    const grading = ok(step(start(), { type: "answer", attemptId: "a1", at: T(1) })).state;
    expect(step(grading, { type: "answer", attemptId: "a2", at: T(2) })).toMatchObject({
      ok: false,
      error: { code: "still_grading" },
    });
    expect(step(grading, { type: "graded", attemptId: "zzz", grade: weak, at: T(2) })).toMatchObject({
      ok: false,
      error: { code: "unknown_attempt" },
    });
    expect(step(start(), { type: "retry", attemptId: "r", at: T(2) })).toMatchObject({
      ok: false,
      error: { code: "nothing_to_retry" },
    });
  });

  it("re-issues the pending grade after a restart", () => {
    const grading = ok(step(start(), { type: "answer", attemptId: "a1", at: T(1) })).state;
    expect(currentPrompt(grading)).toEqual([
      { type: "grade", attemptId: "a1", questionId: "q-a", withAttemptId: null },
    ]);
  });

  it("asks no follow-up when follow-ups are off or the answer is strong", () => {
    const off = createInterview({
      id: "s",
      userId: "u",
      config: { ...config, followUps: false },
      questionIds: ["q"],
      at: T(0),
    }).state;
    let r = ok(step(off, { type: "answer", attemptId: "a", at: T(1) }));
    expect(ok(step(r.state, { type: "graded", attemptId: "a", grade: weak, at: T(2) })).state.phase).toBe(
      "reviewing",
    );
    r = ok(step(start(), { type: "answer", attemptId: "a", at: T(1) }));
    expect(ok(step(r.state, { type: "graded", attemptId: "a", grade: strong, at: T(2) })).state.phase).toBe(
      "reviewing",
    );
  });
});
