import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Content } from "../core/content/load.js";
import { type DeliveryTrend, deliveryTrend } from "../core/delivery/trend.js";
import { StarCoachError } from "../core/errors.js";
import type { QuestionRef } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { IllegalEventError } from "../core/interview/errors.js";
import type { InterviewEffect, InterviewEvent } from "../core/interview/events.js";
import { summarize } from "../core/interview/grade-summary.js";
import { createInterview, step } from "../core/interview/machine.js";
import { planForPosting } from "../core/interview/posting-plan.js";
import { type Progress, progress, type SessionReport, sessionReport } from "../core/interview/report.js";
import { selectQuestions } from "../core/interview/select.js";
import type { InterviewConfig, InterviewState } from "../core/interview/types.js";
import { type Streaks, streaks } from "../core/leaderboard/streaks.js";
import type { Level } from "../core/levels.js";
import type { RankedCompetency } from "../core/posting/competencies.js";
import { type Logger, log as rootLog } from "../log.js";
import type { AttemptKind, AttemptRecord, NewAttempt } from "../store/records.js";
import { type Store, VersionConflictError } from "../store/store.js";
import { AnswerKeptError, GradingFailedError, NotYourSessionError, SessionNotFoundError } from "./errors.js";
import type { GradeContext, GradeFn } from "./grader.js";
import { earlierSessions, practiceHistory, summaryPoints } from "./history.js";

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
  /**
   * How long a claim on grading an answer lasts: longer than one grade can take (the LLM deadline and the
   * store's writes). A process that dies while grading leaves its claim; another takes over after this.
   */
  gradeLeaseMs?: number;
}

/** Room for the longest LLM deadline (OPENAI_TIMEOUT_MS at most 300 s) and the store's writes. */
export const DEFAULT_GRADE_LEASE_MS = 330_000;

export interface RecoveryOptions {
  /** How many answers are graded at once (default 3). */
  concurrency?: number;
  /** How many stored answers one pass looks at (default 500). */
  limit?: number;
  log?: Logger;
}

export interface RecoveryPass {
  /** Answers graded in this pass. */
  graded: number;
  /** Answers whose grading failed again: left stored and ungraded, their claim given back. */
  failed: number;
  /** Answers another process held (grading it now, or died holding it): retried once its claim lapses. */
  held: number;
  /** Whether the pass saw as many answers as it may take: there may be more. */
  full: boolean;
}

/**
 * Recovery running in the background; `stop` starts no more grades and waits for those in flight, for
 * at most `waitMs` when given (one cut short keeps its answer ungraded for the next start).
 */
export interface BackgroundRecovery {
  /** Settles when recovery has nothing left to do (or was stopped), with the answers it graded. */
  readonly done: Promise<number>;
  stop(waitMs?: number): Promise<void>;
}

/** A claim's holder: which process, and which grading in it (two in one process never share a claim). */
const PROCESS = `${hostname()}:${process.pid}`;
const newHolder = () => `${PROCESS}:${randomUUID()}`;

/** Background passes at most: answers still held by others after that wait for the next start. */
const MAX_RECOVERY_PASSES = 5;

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

  /**
   * A new interview. With `posting` (a job posting's analysed competencies, never its text), the questions
   * come from those competencies, each with its reason, and the session remembers the strongest.
   */
  async start(
    userId: string,
    config: InterviewConfig,
    displayName: string | null = null,
    posting: readonly RankedCompetency[] | null = null,
    guildId: string | null = null,
  ): Promise<Outcome> {
    const at = this.at();
    await this.deps.store.ensureUser(userId, displayName, at);
    // The numbers only (no answer text, no grade JSON): a returning user's history is read on every start.
    const attempts = await this.deps.store.listAttemptSummaries(userId, { limit: 200 });
    const selection = {
      questions: this.deps.content.bank.questions,
      level: config.level,
      count: config.questionCount,
      history: practiceHistory(attempts),
      avoidLast: this.deps.avoidLast,
      random: this.deps.random,
    };
    const plan = posting ? planForPosting({ ...selection, competencies: posting }) : null;
    const questionIds = plan
      ? plan.questions.map((q) => q.questionId)
      : selectQuestions({ ...selection, competencies: config.competencies });
    if (questionIds.length === 0) throw new RangeError("no questions match that level and focus");
    const created = createInterview({
      id: this.deps.newId(),
      userId,
      config: {
        ...config,
        questionCount: questionIds.length,
        ...(plan ? { posting: { competencies: plan.focus } } : {}),
      },
      questionIds,
      at,
    });
    const { effects } = created;
    const state = {
      ...created.state,
      guildId,
      ...(plan
        ? {
            items: created.state.items.map((item, i) => ({
              ...item,
              reason: plan.questions[i]?.reason ?? null,
            })),
          }
        : {}),
    };
    await this.deps.store.createSession(state);
    return { state, effects, feedback: null, report: null, error: null };
  }

  /**
   * The user's resumable session, expiring it first if it has been idle too long. A stored session that
   * can no longer be read is closed by the store and reported through `onUnreadable`, never a lock.
   */
  async open(
    userId: string,
    options: { onUnreadable?: (sessionId: string) => void } = {},
  ): Promise<InterviewState | null> {
    const found = await this.deps.store.findOpenSession(userId, options);
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
   * Grades answers that were stored but never graded (the process died in between), a few at a time,
   * each under a claim in the store so two processes never grade the same one; an answer another process
   * holds is left to it. Each is graded as its own server would grade it (LLM grading switched off there,
   * its token budget). One that fails again is logged and stays stored and ungraded for a later pass, the
   * next start or a "Grade again" button; it never stops the rest. Returns how many were graded.
   */
  async recoverUngraded(options: RecoveryOptions = {}): Promise<number> {
    return (await this.recoveryPass(options, () => false)).graded;
  }

  /**
   * Recovery that does not hold anything up: returns at once and grades in the background (see
   * recoverUngraded). Answers held by another process's claim are tried again once that claim can have
   * lapsed (a process that died mid-grade leaves one), for a few passes.
   */
  recoverInBackground(options: RecoveryOptions & { retryHeldAfterMs?: number } = {}): BackgroundRecovery {
    const log = (options.log ?? rootLog()).child({ module: "recovery" });
    const retryAfter = options.retryHeldAfterMs ?? this.leaseMs();
    let stopped = false;
    const pause: { timer?: NodeJS.Timeout; wake?: () => void } = {};
    const run = async () => {
      let total = 0;
      for (let pass = 1; pass <= MAX_RECOVERY_PASSES && !stopped; pass++) {
        const result = await this.recoveryPass({ ...options, log }, () => stopped);
        total += result.graded;
        if (result.graded + result.failed + result.held > 0)
          log.info({ pass, ...result }, "recovered answers left ungraded by an earlier run");
        if (stopped) break;
        if (result.full && result.graded > 0) continue;
        // Held answers that were graded meanwhile leave nothing to wait for.
        if (result.held === 0 || (await this.deps.store.listUngraded(1)).length === 0) break;
        await new Promise<void>((resolve) => {
          pause.wake = resolve;
          pause.timer = setTimeout(resolve, retryAfter);
          pause.timer.unref();
        });
      }
      return total;
    };
    const done = run().catch((err: unknown) => {
      log.error({ err: errorSummary(err) }, "recovery of ungraded answers stopped");
      return 0;
    });
    return {
      done,
      async stop(waitMs?: number) {
        stopped = true;
        clearTimeout(pause.timer);
        pause.wake?.();
        await (waitMs === undefined ? done : Promise.race([done, sleep(waitMs, undefined, { ref: false })]));
      },
    };
  }

  private leaseMs(): number {
    return this.deps.gradeLeaseMs ?? DEFAULT_GRADE_LEASE_MS;
  }

  /** One pass over the stored ungraded answers, `concurrency` at a time, until done or `stopped()`. */
  private async recoveryPass(options: RecoveryOptions, stopped: () => boolean): Promise<RecoveryPass> {
    const log = (options.log ?? rootLog()).child({ module: "recovery" });
    const limit = options.limit ?? 500;
    const pending = await this.deps.store.listUngraded(limit);
    const result: RecoveryPass = { graded: 0, failed: 0, held: 0, full: pending.length >= limit };
    let next = 0;
    const worker = async () => {
      while (!stopped()) {
        const attempt = pending[next++];
        if (!attempt) return;
        const outcome = await this.recoverOne(attempt, log);
        result[outcome]++;
      }
    };
    const workers = Math.max(1, Math.min(options.concurrency ?? 3, pending.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return result;
  }

  /** Claims one stored answer and grades it with its own server's settings; never throws. */
  private async recoverOne(
    attempt: AttemptRecord<Grade>,
    log: Logger,
  ): Promise<"graded" | "failed" | "held"> {
    const holder = newHolder();
    const ids = { attempt_id: attempt.id, session_id: attempt.sessionId, guild_id: attempt.guildId ?? null };
    try {
      if (!(await this.claim(attempt.id, holder))) return "held";
    } catch (err) {
      log.warn({ ...ids, err: errorSummary(err) }, "could not claim an ungraded answer");
      return "failed";
    }
    try {
      // The answer's own server decides the grader and the budget, not whoever recovers it.
      const grade = await this.gradeAttempt(attempt, {
        userId: attempt.userId,
        guildId: attempt.guildId ?? null,
      });
      if (attempt.sessionId) await this.catchUpSession(attempt, grade);
      return "graded";
    } catch (err) {
      // The answer stays stored and ungraded; its claim is given back so it can be tried again.
      log.warn({ ...ids, err: errorSummary(err) }, "could not grade an answer left ungraded");
      await this.deps.store.releaseAttempt(attempt.id, holder).catch(() => undefined);
      return "failed";
    }
  }

  /** Claims an answer for grading until the lease runs out. */
  private claim(attemptId: string, holder: string): Promise<boolean> {
    const now = this.deps.now();
    const until = new Date(now.getTime() + this.leaseMs()).toISOString();
    return this.deps.store.claimAttempt(attemptId, holder, now.toISOString(), until);
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
      ...(context.delivery ? { delivery: context.delivery } : {}),
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
    // Full grades for this session's answers only; the earlier sessions need only their numbers.
    const ids = state.items.flatMap((item) => item.attempts.map((a) => a.attemptId));
    const [own, scored, stories] = await Promise.all([
      this.deps.store.getAttempts(ids),
      this.deps.store.listAttemptSummaries(state.userId, { gradedOnly: true }),
      // The report stands without the story bank: an unreadable bank leaves out only its lines.
      this.deps.store.listStories(state.userId).catch((err: unknown) => {
        rootLog()
          .child({ module: "sessions" })
          .warn(
            { err: errorSummary(err), session_id: state.id },
            "could not read the user's stories for a report",
          );
        return null;
      }),
    ]);
    const mine = own.filter((a) => a.sessionId === state.id);
    const grades = new Map(mine.filter((a) => a.grade).map((a) => [a.id, a.grade as Grade]));
    // Each answer as it was graded: a follow-up with the answer it completes, as gradeAttempt joins them.
    const texts = new Map(mine.map((a) => [a.id, a.answerText]));
    const answers = new Map(
      mine.map((a) => {
        const first = a.combineWith ? texts.get(a.combineWith) : undefined;
        return [a.id, first === undefined ? a.answerText : `${first}\n\n${a.answerText}`];
      }),
    );
    // Compared with the earlier sessions as `history` shows them: one computation for every screen.
    return sessionReport(state, grades, earlierSessions(summaryPoints(scored), state), { stories, answers });
  }

  /** Daily practice streaks from every graded answer the user has given. */
  async streaks(userId: string): Promise<Streaks> {
    const attempts = await this.deps.store.listAttemptSummaries(userId, { gradedOnly: true });
    return streaks(
      attempts.map((a) => a.createdAt),
      this.at(),
    );
  }

  /** How the user's spoken answers have gone over time (pace, fillers, length); null without any. */
  async deliveryTrend(userId: string): Promise<DeliveryTrend | null> {
    const entries = await this.deps.store.listDeliveries(userId);
    return deliveryTrend(entries.map((e) => e.delivery));
  }

  async progress(userId: string): Promise<Progress> {
    const attempts = await this.deps.store.listAttemptSummaries(userId, { gradedOnly: true });
    return progress(
      summaryPoints(attempts),
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
    let kept = false;
    // An answer given outside the interview's server (a voice message in a DM) is still that server's.
    let guildId = context.guildId ?? null;
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
        guildId = context.guildId ?? state.guildId ?? null;
        const question = this.questionRef(item.questionId);
        await this.deps.store.addAttempt({
          id: attemptId,
          userId,
          guildId,
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
        kept = true;
      },
    ).catch((err: unknown) => {
      // Stored, then the session save failed: say so, or a second try would store the answer twice.
      throw kept ? new AnswerKeptError(attemptId, err) : err;
    });
    if (outcome.error) return outcome;
    const attempt = await this.deps.store.getAttempt(attemptId);
    if (!attempt) throw new Error(`attempt ${attemptId} was not stored`);
    const grade = await this.gradeOrFail(attempt, {
      userId,
      guildId,
      ...(context.delivery ? { delivery: context.delivery } : {}),
    });
    const graded = await this.apply(sessionId, userId, () => ({
      type: "graded",
      attemptId,
      grade: summarize(grade),
      at: this.at(),
    })).catch((err: unknown) => {
      throw new AnswerKeptError(attemptId, err);
    });
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
   * in a session, the session's new state. The answer is graded with the settings of the server it was
   * given in (stored with it), not those of wherever "Grade again" was pressed: `_where` is not used.
   */
  async regrade(
    attemptId: string,
    userId: string,
    _where: Partial<GradeContext> = {},
  ): Promise<{ feedback: Feedback; state: InterviewState | null }> {
    const attempt = await this.deps.store.getAttempt(attemptId);
    if (!attempt) throw new SessionNotFoundError(attemptId);
    if (attempt.userId !== userId) throw new NotYourSessionError(attempt.sessionId ?? attemptId);
    // Graded as the server the answer was given in grades, wherever the button was pressed: a server
    // that turned LLM grading off, or spent its budget, is not bypassed from another one or a DM.
    const grade =
      attempt.grade ?? (await this.gradeOrFail(attempt, { userId, guildId: attempt.guildId ?? null }));
    if (attempt.sessionId && !attempt.grade) await this.catchUpSession(attempt, grade);
    const state = attempt.sessionId
      ? ((await this.deps.store.getSession(attempt.sessionId))?.state ?? null)
      : null;
    return { feedback: { attempt: { ...attempt, grade }, grade, previous: null }, state };
  }

  /**
   * Grades a stored answer under a claim, so no other process grades it at the same time (a recovery
   * elsewhere, a second "Grade again"). When another holds it, its grade is used once there is one.
   */
  private async gradeOrFail(attempt: NewAttempt, context: GradeContext): Promise<Grade> {
    const holder = newHolder();
    let claimed: boolean;
    try {
      claimed = await this.claim(attempt.id, holder);
    } catch (err) {
      throw new GradingFailedError(attempt.id, err);
    }
    if (!claimed) {
      const now = await this.deps.store.getAttempt(attempt.id);
      if (now?.grade) return now.grade;
      throw new GradingFailedError(attempt.id, new AnswerHeldError(attempt.id));
    }
    try {
      return await this.gradeAttempt(attempt, context);
    } catch (err) {
      await this.deps.store.releaseAttempt(attempt.id, holder).catch(() => undefined);
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
    const { delivery, ...gradeContext } = context;
    const graded = await this.deps.grade(
      { answer: text, question, level: attempt.level },
      { ...gradeContext, attemptId: attempt.id },
    );
    // A spoken answer keeps its delivery with its grade: the transcript is the answer, the audio is gone.
    const grade = delivery ? { ...graded, delivery } : graded;
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

/** Another process holds the claim on grading this answer: it is being graded there. */
class AnswerHeldError extends StarCoachError {
  override readonly name = "AnswerHeldError";
  constructor(readonly attemptId: string) {
    super(`answer ${attemptId} is being graded by another process`);
  }
}

/** An error's class and code for a log line: never its message, which may quote the answer. */
function errorSummary(err: unknown): { type: string; code?: unknown } {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return code === undefined ? { type: err.name } : { type: err.name, code };
}

function ignoreConflict(err: unknown): void {
  if (!(err instanceof VersionConflictError)) throw err;
}
