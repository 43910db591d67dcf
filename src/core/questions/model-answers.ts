import type { Level } from "../levels.js";
import type { QuestionBank } from "./bank.js";
import type { ModelAnswer, Question } from "./schema.js";

/** How long a model answer is: a STAR answer spoken in 60 to 120 seconds. */
export const MODEL_ANSWER_WORDS = { min: 150, max: 250 } as const;

export const MODEL_ANSWER_PARTS = ["situation", "task", "action", "result"] as const;

/** The answer as one text, a paragraph per part (what the grader reads). */
export function modelAnswerText(answer: ModelAnswer): string {
  return MODEL_ANSWER_PARTS.map((part) => answer[part]).join("\n\n");
}

export interface FoundModelAnswer {
  /** The question the answer was written for. */
  question: Question;
  answer: ModelAnswer;
  /** True when it answers this very question; false when it is another question of the same competency. */
  sameQuestion: boolean;
}

const LEVEL_ORDER: readonly Level[] = ["entry", "mid", "senior", "executive"];
const distance = (a: Level, b: Level) => Math.abs(LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));

/**
 * The model answer to show after feedback: the question's own when it has one, otherwise the one of its
 * competency written at the nearest level (the same level first). Undefined when the competency has none.
 */
export function findModelAnswer(
  bank: QuestionBank,
  questionId: string,
  level: Level,
): FoundModelAnswer | undefined {
  const question = bank.get(questionId);
  if (!question) return undefined;
  if (question.model_answer) return { question, answer: question.model_answer, sameQuestion: true };
  let best: FoundModelAnswer | undefined;
  for (const q of bank.questions) {
    if (q.competency !== question.competency || !q.model_answer) continue;
    if (!best || distance(q.model_answer.level, level) < distance(best.answer.level, level))
      best = { question: q, answer: q.model_answer, sameQuestion: false };
  }
  return best;
}
