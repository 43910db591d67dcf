import type { Level } from "../levels.js";
import type { QuestionBank } from "../questions/bank.js";
import type { QuestionRef } from "./grade.js";

export interface ResolvedQuestion {
  ref: QuestionRef;
  /** The level to grade at when the caller gives none: the question's first level, else the default. */
  level: Level;
}

/** A bank id resolves to that question (with its probes and competency); anything else is free text. */
export function resolveQuestion(
  idOrText: string,
  bank: QuestionBank,
  fallbackLevel: Level,
): ResolvedQuestion {
  const q = bank.get(idOrText.trim());
  if (q) {
    return {
      ref: { id: q.id, text: q.text, competency: q.competency, probes: q.probes },
      level: q.levels[0] ?? fallbackLevel,
    };
  }
  return { ref: { id: null, text: idOrText, competency: null, probes: [] }, level: fallbackLevel };
}
