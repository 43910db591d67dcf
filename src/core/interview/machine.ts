import { IllegalEventError } from "./errors.js";
import type { InterviewEffect, InterviewEvent } from "./events.js";
import type { AttemptSummary, InterviewConfig, InterviewState, Item } from "./types.js";

export type StepResult =
  | { ok: true; state: InterviewState; effects: InterviewEffect[] }
  | { ok: false; error: IllegalEventError };

/** A follow-up is asked only when the first answer left a criterion below this score. */
const FOLLOW_UP_BELOW = 3;

export interface NewInterview {
  id: string;
  userId: string;
  config: InterviewConfig;
  questionIds: readonly string[];
  at: string;
}

export function createInterview(input: NewInterview): { state: InterviewState; effects: InterviewEffect[] } {
  const items: Item[] = input.questionIds.map((questionId, i) => ({
    questionId,
    attempts: [],
    followUp: null,
    skipped: false,
    askedAt: i === 0 ? input.at : null,
  }));
  const state: InterviewState = {
    id: input.id,
    userId: input.userId,
    config: input.config,
    status: "active",
    phase: "awaiting_answer",
    index: 0,
    items,
    endedBy: null,
    createdAt: input.at,
    updatedAt: input.at,
  };
  return { state, effects: [ask(state)] };
}

function current(state: InterviewState): Item {
  const item = state.items[state.index];
  if (!item) throw new Error(`interview ${state.id} has no item ${state.index}`);
  return item;
}

function ask(state: InterviewState): InterviewEffect {
  return {
    type: "ask_question",
    questionId: current(state).questionId,
    index: state.index,
    of: state.items.length,
  };
}

function withItem(
  state: InterviewState,
  item: Item,
  at: string,
  changes: Partial<InterviewState> = {},
): InterviewState {
  const items = state.items.map((it, i) => (i === state.index ? item : it));
  return { ...state, ...changes, items, updatedAt: at };
}

function overTime(state: InterviewState, item: Item, at: string): boolean {
  const limit = state.config.answerTimeLimitSec;
  if (limit === null || !item.askedAt) return false;
  return (Date.parse(at) - Date.parse(item.askedAt)) / 1000 > limit;
}

function addAttempt(
  state: InterviewState,
  kind: AttemptSummary["kind"],
  attemptId: string,
  at: string,
): InterviewState {
  const item = current(state);
  const attempt: AttemptSummary = {
    attemptId,
    kind,
    overall: null,
    scores: null,
    overTime: overTime(state, item, at),
    at,
  };
  return withItem(state, { ...item, attempts: [...item.attempts, attempt] }, at, { phase: "grading" });
}

function advance(state: InterviewState, at: string): { state: InterviewState; effects: InterviewEffect[] } {
  const index = state.index + 1;
  if (index >= state.items.length) {
    return {
      state: { ...state, status: "finished", phase: "done", endedBy: "completed", updatedAt: at },
      effects: [{ type: "finished", endedBy: "completed" }],
    };
  }
  const items = state.items.map((it, i) => (i === index ? { ...it, askedAt: at } : it));
  const next: InterviewState = { ...state, index, items, phase: "awaiting_answer", updatedAt: at };
  return { state: next, effects: [ask(next)] };
}

const graded = (item: Item) => item.attempts.filter((a) => a.overall !== null);

/** Re-issues what the candidate should see now: after a restart, a resume, or a lost message. */
export function currentPrompt(state: InterviewState): InterviewEffect[] {
  const item = current(state);
  const last = item.attempts[item.attempts.length - 1];
  switch (state.phase) {
    case "awaiting_answer":
      return [ask(state)];
    case "grading": {
      if (!last) return [ask(state)];
      const first = item.attempts.find((a) => a.kind === "answer");
      return [
        {
          type: "grade",
          attemptId: last.attemptId,
          questionId: item.questionId,
          withAttemptId: last.kind === "follow_up" ? (first?.attemptId ?? null) : null,
        },
      ];
    }
    case "awaiting_follow_up":
      return item.followUp
        ? [{ type: "ask_follow_up", questionId: item.questionId, text: item.followUp.text }]
        : [ask(state)];
    case "reviewing":
      return last
        ? [{ type: "show_feedback", attemptId: last.attemptId, previousAttemptId: null }]
        : [ask(state)];
    case "done":
      return [{ type: "finished", endedBy: state.endedBy ?? "completed" }];
  }
}

/** The interview state machine: (state, event) → (state, effects). Pure; illegal events are typed errors. */
export function step(state: InterviewState, event: InterviewEvent): StepResult {
  const fail = (code: ConstructorParameters<typeof IllegalEventError>[0]): StepResult => ({
    ok: false,
    error: new IllegalEventError(code, event.type),
  });
  const done = (s: InterviewState, effects: InterviewEffect[]): StepResult => ({
    ok: true,
    state: s,
    effects,
  });

  if (state.status === "finished") return fail("session_finished");
  if (state.status === "expired") {
    if (event.type !== "resume") return fail("session_expired");
    const resumed: InterviewState = { ...state, status: "active", endedBy: null, updatedAt: event.at };
    return done(resumed, currentPrompt(resumed));
  }
  const item = current(state);
  switch (event.type) {
    case "answer":
      if (state.phase === "grading") return fail("still_grading");
      if (state.phase !== "awaiting_answer") return fail("not_awaiting_answer");
      return done(addAttempt(state, "answer", event.attemptId, event.at), [
        { type: "grade", attemptId: event.attemptId, questionId: item.questionId, withAttemptId: null },
      ]);
    case "follow_up_answer": {
      if (state.phase === "grading") return fail("still_grading");
      if (state.phase !== "awaiting_follow_up") return fail("not_awaiting_follow_up");
      const first = item.attempts.find((a) => a.kind === "answer");
      return done(addAttempt(state, "follow_up", event.attemptId, event.at), [
        {
          type: "grade",
          attemptId: event.attemptId,
          questionId: item.questionId,
          withAttemptId: first?.attemptId ?? null,
        },
      ]);
    }
    case "retry":
      if (state.phase === "grading") return fail("still_grading");
      if (graded(item).length === 0 || (state.phase !== "reviewing" && state.phase !== "awaiting_follow_up"))
        return fail("nothing_to_retry");
      return done(addAttempt(state, "retry", event.attemptId, event.at), [
        { type: "grade", attemptId: event.attemptId, questionId: item.questionId, withAttemptId: null },
      ]);
    case "graded": {
      const last = item.attempts[item.attempts.length - 1];
      if (state.phase !== "grading" || !last || last.attemptId !== event.attemptId)
        return fail("unknown_attempt");
      const previous = graded(item).at(-1) ?? null;
      const summary: AttemptSummary = { ...last, overall: event.grade.overall, scores: event.grade.scores };
      const attempts = [...item.attempts.slice(0, -1), summary];
      const lowest = Math.min(...Object.values(event.grade.scores));
      const askFollowUp =
        last.kind === "answer" &&
        state.config.followUps &&
        item.followUp === null &&
        lowest < FOLLOW_UP_BELOW;
      const followUp = askFollowUp
        ? { text: event.grade.followUp, target: event.grade.weakest }
        : item.followUp;
      const next = withItem(state, { ...item, attempts, followUp }, event.at, {
        phase: askFollowUp ? "awaiting_follow_up" : "reviewing",
      });
      const feedback: InterviewEffect = {
        type: "show_feedback",
        attemptId: event.attemptId,
        previousAttemptId: last.kind === "retry" ? (previous?.attemptId ?? null) : null,
      };
      return done(
        next,
        askFollowUp
          ? [feedback, { type: "ask_follow_up", questionId: item.questionId, text: event.grade.followUp }]
          : [feedback],
      );
    }
    case "next":
      if (state.phase === "grading") return fail("still_grading");
      if (state.phase === "awaiting_answer") return fail("not_awaiting_answer");
      {
        const { state: s, effects } = advance(state, event.at);
        return done(s, effects);
      }
    case "skip": {
      if (state.phase === "grading") return fail("still_grading");
      const skipped = withItem(state, { ...item, skipped: graded(item).length === 0 }, event.at);
      const { state: s, effects } = advance(skipped, event.at);
      return done(s, effects);
    }
    case "end":
      return done({ ...state, status: "finished", phase: "done", endedBy: "user", updatedAt: event.at }, [
        { type: "finished", endedBy: "user" },
      ]);
    case "expire": {
      const idle = (Date.parse(event.at) - Date.parse(state.updatedAt)) / 1000;
      if (idle < event.idleSeconds) return fail("too_early_to_expire");
      return done({ ...state, status: "expired", endedBy: "expired", updatedAt: state.updatedAt }, [
        { type: "finished", endedBy: "expired" },
      ]);
    }
    case "resume":
      return done({ ...state, updatedAt: event.at }, currentPrompt(state));
  }
}
