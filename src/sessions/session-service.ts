import type { Content } from "../core/content/load.js";
import type { QuestionRef } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { IllegalEventError } from "../core/interview/errors.js";
import type { InterviewEffect, InterviewEvent } from "../core/interview/events.js";
import { summarize } from "../core/interview/grade-summary.js";
import { createInterview, step } from "../core/interview/machine.js";
import {
  type Progress,
  progress,
  type SessionReport,
  type SessionSummary,
  sessionReport,
} from "../core/interview/report.js";
import { selectQuestions } from "../core/interview/select.js";
import type { InterviewConfig, InterviewState } from "../core/interview/types.js";
import { type Streaks, streaks } from "../core/leaderboard/streaks.js";
import type { Level } from "../core/levels.js";
import type { AttemptKind, AttemptRecord, NewAttempt } from "../store/records.js";
import { type Store, VersionConflictError } from "../store/store.js";
import { GradingFailedError, NotYourSessionError, SessionNotFoundError } from "./errors.js";
import type { GradeContext, GradeFn } from "./grader.js";
import { practiceHistory, toPoints } from "./history.js";

export interface SessionDeps {
  store: Store;
  content: Content;
  grade: GradeFn;
  now: () => Date;
  newId: () => string;
  random: () => number;
  /** A session idle this long expires; resuming brings it back. */
  idleSeconds: number;
  /** No question from the user's last N attempts while others remain. */
  avoidLast: number;
}

export interface Feedback {
  attempt: AttemptRecord<Grade>;
  grade: Grade;
  /** The attempt it revises, for a retry: show what changed. */
  previous: Grade | null;
}

/** The result of one user action on a session: the new state, what to show, and any refusal. */
export interface Outcome {
  state: InterviewState;
  effects: InterviewEffect[];
  feedback: Feedback | null;
  report: SessionReport | null;
  error: IllegalEventError | null;
}

const MAX_CONFLICT_RETRIES = 8;

/**
 * Runs mock interviews on the store: every answer is stored before it is graded, every state change is
 * saved with a version check (several shards may touch one session), and stored-but-ungraded answers are
 * graded again after a crash.
 */
export class SessionService {
  constructor(private readonly deps: SessionDeps) {}

  private at(): string {
    return this.deps.now().toISOString();
  }

  questionRef(questionId: string): QuestionRef {
    const q = this.deps.content.bank.get(questionId);
    if (!q) return { id: questionId, text: questionId, competency: null, probes: [] };
    return { id: q.id, text: q.text, competency: q.competency, probes: q.probes };
  }

  async start(userId: string, config: InterviewConfig, displayName: string | null = null): Promise<Outcome> {
    const at = this.at();
    await this.deps.store.ensureUser(userId, displayName, at);
    const attempts = await this.deps.store.listAttempts(userId, { limit: 200 });
    const questionIds = selectQuestions({
      questions: this.deps.content.bank.questions,
      level: config.level,
      competencies: config.competencies,
      count: config.questionCount,
      history: practiceHistory(attempts),
      avoidLast: this.deps.avoidLast,
      random: this.deps.random,
    });
    if (questionIds.length === 0) throw new RangeError("no questions match that level and focus");
    const { state, effects } = createInterview({
      id: this.deps.newId(),
      userId,
      config: { ...config, questionCount: questionIds.length },
      questionIds,
      at,
    });
    await this.deps.store.createSession(state);
    return { state, effects, feedback: null, report: null, error: null };
  }

  /** The user's resumable session, expiring it first if it has been idle too long. */
  async open(userId: string): Promise<InterviewState | null> {
    const found = await this.deps.store.findOpenSession(userId);
    if (!found) return null;
    if (found.state.status === "active") {
      const expired = step(found.state, {
        type: "expire",
        at: this.at(),
        idleSeconds: this.deps.idleSeconds,
      });
      if (expired.ok) {
        await this.save(expired.state, found.version).catch(ignoreConflict);
        return expired.state;
      }
    }
    return found.state;
  }

  async get(sessionId: string, userId: string): Promise<InterviewState> {
    const found = await this.deps.store.getSession(sessionId);
    if (!found) throw new SessionNotFoundError(sessionId);
    if (found.state.userId !== userId) throw new NotYourSessionError(sessionId);
    return found.state;
  }

  answer(
    sessionId: string,
    userId: string,
    text: string,
    context: Partial<GradeContext> = {},
  ): Promise<Outcome> {
    return this.submit(sessionId, userId, text, "answer", context);
  }

  followUp(
    sessionId: string,
    userId: string,
    text: string,
    context: Partial<GradeContext> = {},
  ): Promise<Outcome> {
    return this.submit(sessionId, userId, text, "follow_up", context);
  }

  retry(
    sessionId: string,
    userId: string,
    text: string,
    context: Partial<GradeContext> = {},
  ): Promise<Outcome> {
    return this.submit(sessionId, userId, text, "retry", context);
  }

  next(sessionId: string, userId: string): Promise<Outcome> {
    return this.simple(sessionId, userId, { type: "next", at: this.at() });
  }

  skip(sessionId: string, userId: string): Promise<Outcome> {
    return this.simple(sessionId, userId, { type: "skip", at: this.at() });
  }

  end(sessionId: string, userId: string): Promise<Outcome> {
    return this.simple(sessionId, userId, { type: "end", at: this.at() });
  }

  resume(sessionId: string, userId: string): Promise<Outcome> {
    return this.simple(sessionId, userId, { type: "resume", at: this.at() });
  }

  /**
   * Grades answers that were stored but never graded (the process died in between). One that fails
   * again stays stored and ungraded for the next start or a "Grade again" button; it never stops the rest.
   */
  async recoverUngraded(): Promise<number> {
    let done = 0;
    for (const attempt of await this.deps.store.listUngraded(500)) {
      let grade: Grade;
      try {
        grade = await this.gradeAttempt(attempt, { userId: attempt.userId, guildId: null });
      } catch {
        continue;
      }
      if (attempt.sessionId) await this.catchUpSession(attempt, grade);
      done++;
    }
    return done;
  }

  /** One question outside a session (/practice, /grade, the CLI): stored first, then graded. */
  async gradeSingle(
    input: { userId: string; question: QuestionRef; level: Level; text: string; kind?: AttemptKind },
    context: Partial<GradeContext> = {},
  ): Promise<Feedback> {
    const at = this.at();
    await this.deps.store.ensureUser(input.userId, null, at);
    const attempt: NewAttempt = {
      id: this.deps.newId(),
      userId: input.userId,
      guildId: context.guildId ?? null,
      sessionId: null,
      questionId: input.question.id,
      questionText: input.question.text,
      competency: input.question.competency,
      level: input.level,
      kind: input.kind ?? "single",
      answerText: input.text,
      combineWith: null,
      createdAt: at,
    };
    await this.deps.store.addAttempt(attempt);
    const grade = await this.gradeOrFail(attempt, {
      userId: input.userId,
      guildId: context.guildId ?? null,
    });
    return {
      attempt: {
        ...attempt,
        guildId: attempt.guildId ?? null,
        grade,
        grader: grade.grader,
        gradedAt: this.at(),
      },
      grade,
      previous: null,
    };
  }

  async report(state: InterviewState): Promise<SessionReport> {
    const attempts = await this.deps.store.listAttempts(state.userId);
    const grades = new Map(
      attempts.filter((a) => a.sessionId === state.id && a.grade).map((a) => [a.id, a.grade as Grade]),
    );
    const earlier = (await this.deps.store.listSessions(state.userId, { finishedOnly: true })).filter(
      (s) => s.id !== state.id && s.createdAt < state.createdAt,
    );
    const previous: SessionSummary[] = earlier.map((s) => {
      const r = sessionReport(s, new Map(), []);
      return { sessionId: r.sessionId, finishedAt: r.finishedAt, overall: r.overall, criteria: r.criteria };
    });
    return sessionReport(state, grades, previous);
  }

  /** Daily practice streaks from every graded answer the user has given. */
  async streaks(userId: string): Promise<Streaks> {
    const attempts = await this.deps.store.listAttempts(userId, { gradedOnly: true });
    return streaks(
      attempts.map((a) => a.createdAt),
      this.at(),
    );
  }

  async progress(userId: string): Promise<Progress> {
    const attempts = await this.deps.store.listAttempts(userId, { gradedOnly: true });
    return progress(
      toPoints(attempts),
      this.deps.content.bank.competencies.map((c) => c.id),
    );
  }

  private async submit(
    sessionId: string,
    userId: string,
    text: string,
    kind: "answer" | "follow_up" | "retry",
    context: Partial<GradeContext>,
  ): Promise<Outcome> {
    const attemptId = this.deps.newId();
    const eventType = kind === "answer" ? "answer" : kind === "follow_up" ? "follow_up_answer" : "retry";
    let stored = false;
    const outcome = await this.apply(
      sessionId,
      userId,
      () => ({ type: eventType, attemptId, at: this.at() }),
      async (state, effects) => {
        // The answer is stored before the session moves on, and long before it is graded.
        const grading = effects.find((e) => e.type === "grade");
        const item = state.items[state.index];
        if (!grading || !item || stored) return;
        stored = true;
        const question = this.questionRef(item.questionId);
        await this.deps.store.addAttempt({
          id: attemptId,
          userId,
          guildId: context.guildId ?? null,
          sessionId,
          questionId: item.questionId,
          questionText: question.text,
          competency: question.competency,
          level: state.config.level,
          kind,
          answerText: text,
          combineWith: grading.withAttemptId,
          createdAt: this.at(),
        });
      },
    );
    if (outcome.error) return outcome;
    const attempt = await this.deps.store.getAttempt(attemptId);
    if (!attempt) throw new Error(`attempt ${attemptId} was not stored`);
    const grade = await this.gradeOrFail(attempt, { userId, guildId: context.guildId ?? null });
    const graded = await this.apply(sessionId, userId, () => ({
      type: "graded",
      attemptId,
      grade: summarize(grade),
      at: this.at(),
    }));
    const previousId = graded.effects.find((e) => e.type === "show_feedback")?.previousAttemptId ?? null;
    const previous = previousId ? ((await this.deps.store.getAttempt(previousId))?.grade ?? null) : null;
    return {
      ...graded,
      feedback: {
        attempt: { ...attempt, grade, grader: grade.grader, gradedAt: this.at() },
        grade,
        previous,
      },
    };
  }

  private async simple(sessionId: string, userId: string, event: InterviewEvent): Promise<Outcome> {
    return this.apply(sessionId, userId, () => ({ ...event, at: this.at() }));
  }

  /** Load, step, save with a version check; on a conflict, reload and step again. */
  private async apply(
    sessionId: string,
    userId: string,
    makeEvent: () => InterviewEvent,
    beforeSave?: (state: InterviewState, effects: InterviewEffect[]) => Promise<void>,
  ): Promise<Outcome> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const found = await this.deps.store.getSession(sessionId);
      if (!found) throw new SessionNotFoundError(sessionId);
      if (found.state.userId !== userId) throw new NotYourSessionError(sessionId);
      const result = step(found.state, makeEvent());
      if (!result.ok)
        return { state: found.state, effects: [], feedback: null, report: null, error: result.error };
      await beforeSave?.(result.state, result.effects);
      try {
        await this.save(result.state, found.version);
      } catch (err) {
        if (err instanceof VersionConflictError) continue;
        throw err;
      }
      const finished = result.effects.some((e) => e.type === "finished");
      return {
        state: result.state,
        effects: result.effects,
        feedback: null,
        report: finished ? await this.report(result.state) : null,
        error: null,
      };
    }
    throw new VersionConflictError(sessionId);
  }

  private save(state: InterviewState, version: number): Promise<number> {
    return this.deps.store.saveSession(state, version);
  }

  /**
   * Grades a stored answer again (after a failure). Returns the attempt with its grade and, for an answer
   * in a session, the session's new state.
   */
  async regrade(
    attemptId: string,
    userId: string,
    context: Partial<GradeContext> = {},
  ): Promise<{ feedback: Feedback; state: InterviewState | null }> {
    const attempt = await this.deps.store.getAttempt(attemptId);
    if (!attempt) throw new SessionNotFoundError(attemptId);
    if (attempt.userId !== userId) throw new NotYourSessionError(attempt.sessionId ?? attemptId);
    const grade =
      attempt.grade ?? (await this.gradeOrFail(attempt, { userId, guildId: context.guildId ?? null }));
    if (attempt.sessionId && !attempt.grade) await this.catchUpSession(attempt, grade);
    const state = attempt.sessionId
      ? ((await this.deps.store.getSession(attempt.sessionId))?.state ?? null)
      : null;
    return { feedback: { attempt: { ...attempt, grade }, grade, previous: null }, state };
  }

  private async gradeOrFail(attempt: NewAttempt, context: GradeContext): Promise<Grade> {
    try {
      return await this.gradeAttempt(attempt, context);
    } catch (err) {
      throw new GradingFailedError(attempt.id, err);
    }
  }

  private async gradeAttempt(attempt: NewAttempt, context: GradeContext): Promise<Grade> {
    let text = attempt.answerText;
    if (attempt.combineWith) {
      const first = await this.deps.store.getAttempt(attempt.combineWith);
      if (first) text = `${first.answerText}\n\n${attempt.answerText}`;
    }
    const question = attempt.questionId
      ? this.questionRef(attempt.questionId)
      : { id: null, text: attempt.questionText, competency: attempt.competency, probes: [] };
    const grade = await this.deps.grade({ answer: text, question, level: attempt.level }, context);
    await this.deps.store.saveGrade(attempt.id, grade, grade.grader, this.at());
    return grade;
  }

  /** After a crash: move the session past an answer that was stored but not applied or not graded. */
  private async catchUpSession(attempt: AttemptRecord<Grade>, grade: Grade): Promise<void> {
    const sessionId = attempt.sessionId;
    if (!sessionId) return;
    const found = await this.deps.store.getSession(sessionId);
    if (!found) return;
    const item = found.state.items[found.state.index];
    if (!item || item.questionId !== attempt.questionId) return;
    const known = item.attempts.some((a) => a.attemptId === attempt.id);
    if (!known) {
      const type =
        attempt.kind === "follow_up" ? "follow_up_answer" : attempt.kind === "retry" ? "retry" : "answer";
      const applied = await this.apply(sessionId, attempt.userId, () => ({
        type,
        attemptId: attempt.id,
        at: attempt.createdAt,
      }));
      if (applied.error) return;
    }
    await this.apply(sessionId, attempt.userId, () => ({
      type: "graded",
      attemptId: attempt.id,
      grade: summarize(grade),
      at: this.at(),
    }));
  }
}

function ignoreConflict(err: unknown): void {
  if (!(err instanceof VersionConflictError)) throw err;
}
