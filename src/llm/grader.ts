import { performance } from "node:perf_hooks";
import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { Content } from "../core/content/load.js";
import type { GradeInput, OfflineGrade } from "../core/grading/grade.js";
import { anchorLabels, type Judgement, judgementSchema } from "../core/grading/judgement.js";
import { limitAnswer } from "../core/grading/limits.js";
import { reconcile } from "../core/grading/reconcile.js";
import type { Grade, Usage } from "../core/grading/types.js";
import { graderMessages } from "../core/prompts/grader-messages.js";
import type { Logger } from "../log.js";
import {
  BudgetGate,
  type Budgets,
  budgetDay,
  estimateTokens,
  type Requester,
  type Reservation,
} from "./budget.js";
import { type CacheKeyParts, cacheKey, offlineVersions } from "./cache-key.js";
import { billedDespiteFailure, fallbackReason } from "./errors.js";
import type { BudgetLedger, GradeCache } from "./ports.js";
import { defaultModelParams, type ModelParams, requestJudgement } from "./request.js";

/** The error's class only: messages can quote the model's reply, and so the answer. */
const errorName = (err: unknown) => (err instanceof Error ? err.constructor.name : typeof err);

/** Room for six criteria with three quotes each, the advice and the example. */
export const MAX_OUTPUT_TOKENS = 1500;

export interface LlmGraderOptions {
  client: OpenAI;
  model: string;
  timeoutMs: number;
  content: Content;
  cache: GradeCache;
  ledger: BudgetLedger;
  budgets: Budgets;
  logger: Logger;
  now?: () => Date;
}

/** The structured-output format for the rubric's labels; the shared criterion object is sent once. */
export function judgementFormat(content: Pick<Content, "rubric">) {
  const schema = judgementSchema(anchorLabels(content.rubric));
  return zodResponseFormat(schema, "star_grade", {
    schemaDefinitions: { criterion: schema.shape.criteria.shape.situation },
  });
}

/**
 * Grades with an LLM, one call per answer, and reconciles the reply with the offline evidence. Any
 * failure (network, server, output, budget) returns the offline grade marked with the reason: an
 * answer is never lost to the LLM. Logs carry ids, lengths, latencies and token counts, never the answer.
 */
export class LlmGrader {
  readonly #options: LlmGraderOptions;
  readonly #format;
  readonly #log: Logger;
  readonly #budget: BudgetGate;
  readonly #versions: Pick<CacheKeyParts, "lexicon" | "feedback" | "calibration">;
  /** What the model accepts, learnt once from its first 400 and kept for every later call. */
  readonly #params: ModelParams = defaultModelParams();

  constructor(options: LlmGraderOptions) {
    this.#options = options;
    this.#format = judgementFormat(options.content);
    this.#log = options.logger.child({ module: "llm" });
    this.#budget = new BudgetGate(options.ledger, options.budgets);
    this.#versions = offlineVersions(options.content);
  }

  async grade(input: GradeInput, offline: OfflineGrade, who: Requester): Promise<Grade> {
    // The model reads what the offline grader read: an answer over the size limit is cut the same way.
    input = { ...input, answer: limitAnswer(input.answer).text };
    const { content, model } = this.#options;
    const started = performance.now();
    const key = cacheKey({
      model,
      promptVersion: content.prompts.version,
      rubric: `${content.rubric.id}@${content.rubric.version}`,
      ...this.#versions,
      question: input.question.id ?? input.question.text,
      level: input.level,
      answer: input.answer,
    });
    const log = this.#log.child({ grade: key.slice(0, 12), question_id: input.question.id });
    const cached = await this.#cached(key, who, log);
    if (cached) {
      log.info({ cached: true }, "llm grade from cache");
      return cached;
    }
    const day = budgetDay(this.#now());
    let estimate = 0;
    let reservation: Reservation | null = null;
    try {
      const prompt = graderMessages({
        prompts: content.prompts,
        rubric: content.rubric,
        question: input.question.text,
        level: input.level,
        evidence: offline.evidence,
        answer: input.answer,
      });
      estimate = estimateTokens(prompt, MAX_OUTPUT_TOKENS);
      // Held before the call, so concurrent calls cannot all pass the check and then all spend.
      reservation = await this.#budget.reserve(who, day, estimate);
      const reply = await requestJudgement({
        client: this.#options.client,
        model,
        prompt,
        responseFormat: this.#format,
        maxOutputTokens: MAX_OUTPUT_TOKENS,
        timeoutMs: this.#options.timeoutMs,
        params: this.#params,
        onParamRejected: (param) =>
          log.warn(
            { model, param },
            param === "temperature"
              ? "the model does not accept temperature: sent again without it, and from now on"
              : "the model does not accept max_tokens: sent again with max_completion_tokens, and from now on",
          ),
      });
      const tokens = reply.usage ? reply.usage.prompt_tokens + reply.usage.completion_tokens : estimate;
      await this.#correctQuietly(() => reservation?.settle(tokens), log);
      const grade = this.#reconcile(reply.judgement, input, offline, reply.usage);
      await this.#remember(key, grade, who, log);
      log.info(
        {
          answer_chars: input.answer.length,
          latency_ms: Math.round(performance.now() - started),
          attempts: reply.attempts,
          prompt_tokens: reply.usage?.prompt_tokens ?? null,
          completion_tokens: reply.usage?.completion_tokens ?? null,
          disagreements: grade.disagreements?.length ?? 0,
        },
        "llm grade",
      );
      return grade;
    } catch (err) {
      const reason = fallbackReason(err);
      // Settling or releasing a second time does nothing: a reply already settled stays counted.
      const held = reservation;
      if (held)
        await this.#correctQuietly(
          () => (billedDespiteFailure(reason) ? held.settle(estimate) : held.release()),
          log,
        );
      log.warn(
        {
          reason,
          error: errorName(err),
          status: (err as { status?: unknown }).status ?? null,
          answer_chars: input.answer.length,
          latency_ms: Math.round(performance.now() - started),
        },
        "llm grade fell back to offline",
      );
      return { ...offline.grade, fallback: reason };
    }
  }

  #reconcile(judgement: Judgement, input: GradeInput, offline: OfflineGrade, usage: Usage | null): Grade {
    return reconcile({
      judgement,
      offline: offline.grade,
      evidence: offline.evidence,
      answer: input.answer,
      level: input.level,
      content: this.#options.content,
      promptVersion: this.#options.content.prompts.version,
      model: this.#options.model,
      usage,
    });
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  async #cached(key: string, who: Requester, log: Logger): Promise<Grade | null> {
    try {
      return await this.#options.cache.get(key, who);
    } catch (err) {
      log.warn({ error: errorName(err) }, "grade cache read failed");
      return null;
    }
  }

  async #remember(key: string, grade: Grade, who: Requester, log: Logger): Promise<void> {
    try {
      await this.#options.cache.set(key, grade, who);
    } catch (err) {
      log.warn({ error: errorName(err) }, "grade cache write failed");
    }
  }

  async #correctQuietly(write: () => Promise<void> | undefined, log: Logger): Promise<void> {
    try {
      await write();
    } catch (err) {
      log.warn({ error: errorName(err) }, "budget ledger write failed");
    }
  }
}
