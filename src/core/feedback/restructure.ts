import type { AnalyzedSentence, Evidence } from "../evidence/extract.js";
import { STAR_PARTS, type StarPart } from "../evidence/types.js";

/** One STAR part of the candidate's answer, their own sentences in their order, or a placeholder. */
export interface RestructuredPart {
  part: StarPart;
  sentences: string[];
  /** What to add, in brackets, where the part is missing or lacks its figure; null when it is there. */
  placeholder: string | null;
}

/** What the grade found, where it changes a placeholder: a result told without its before and after. */
export interface RestructureHints {
  baselineAndAfter: boolean;
}

const MISSING: Record<StarPart, string> = {
  situation: "[Situation: where and when, and the problem in numbers]",
  task: "[Task: what you had to achieve, with a target and a deadline]",
  action: "[Action: the steps you took yourself, and the method you used in them]",
  result: "[Result: what changed, from [baseline] to [after], and what it was worth]",
};
const RESULT_WITHOUT_FIGURES = "[Result: add the figure, from [baseline] to [after]]";

/** A sentence the grader gave no part that still says where or when: "At our Columbus DC, last spring…". */
const setsTheScene = (s: AnalyzedSentence) =>
  s.hits.situation_cues.length > 0 || s.hits.time_cues.length > 0 || s.hits.context_nouns.length > 0;

/**
 * The candidate's answer rebuilt in STAR order from its own sentences: each sentence goes to the part it
 * plays (its heading when it has one, else the role the grader read first); a sentence with no role is
 * the situation when it sets the scene, else it stays with the one before it. Nothing is invented: a missing part is a bracketed placeholder saying what
 * belongs there, so the candidate sees the shape of a better version of their own story.
 */
export function restructureAnswer(ev: Evidence, hints: RestructureHints): RestructuredPart[] {
  const byPart = new Map<StarPart, string[]>(STAR_PARTS.map((p) => [p, []]));
  let current: StarPart = "situation";
  for (const s of ev.sentences) {
    // The answer's own "Situation:" labels are not in the text: segment() reads them as headings.
    const text = s.sentence.text.trim();
    if (text === "" || s.salad) continue;
    current = s.sentence.heading ?? s.roles[0]?.role ?? (setsTheScene(s) ? "situation" : current);
    byPart.get(current)?.push(text);
  }
  return STAR_PARTS.map((part) => {
    const sentences = byPart.get(part) ?? [];
    const placeholder =
      sentences.length === 0
        ? MISSING[part]
        : part === "result" && !hints.baselineAndAfter
          ? RESULT_WITHOUT_FIGURES
          : null;
    return { part, sentences, placeholder };
  });
}
