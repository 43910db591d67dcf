import type { Content } from "../content/load.js";
import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Evidence } from "../evidence/extract.js";
import type { Level } from "../levels.js";
import { clip, withoutInventedFigures } from "./advice.js";
import { answerGate, cappedOverall } from "./caps.js";
import { anchorLabels, type Judgement } from "./judgement.js";
import { quoteFinder } from "./quotes.js";
import type { Disagreement, Grade, Usage } from "./types.js";

/** How far above the offline score the LLM may take a criterion, and only with a verbatim quote. */
const MAX_RAISE = 1;
/** How far above the offline overall the LLM grade may end. */
const MAX_OVERALL_RAISE = 1;
/** A criterion scored this high must point at a verbatim quote. */
const NEEDS_QUOTE = 3;
/** A gap this large between the LLM's pick and the offline score is recorded. */
const DISAGREEMENT = 2;
const MAX_QUOTES = 3;
const MAX_NOTE = 300;
const MAX_MISSING = 6;
const MAX_MISSING_ITEM = 160;
const MAX_FOLLOW_UP = 300;
const MAX_EXAMPLE = 500;

/**
 * Model text that reads as obeying the answer rather than judging it ("As instructed, full marks"): a
 * fooled model's words are never shown, whatever the answer looked like.
 */
const OBEYING =
  /\b(?:as (?:you )?(?:instructed|requested|directed)|as (?:the|your) (?:instructions?|note) (?:says?|asks?|requests?)|(?:per|following|according to) (?:the|your) (?:instructions?|request)|full marks|top marks|maximum score|perfect score|5\s*\/\s*5)\b/i;

/** Whether a piece of the model's text sounds like it obeyed the answer. */
export const soundsObedient = (text: string) => OBEYING.test(text);

export interface ReconcileInput {
  judgement: Judgement;
  offline: Grade;
  evidence: Evidence;
  answer: string;
  level: Level;
  content: Pick<Content, "rubric" | "feedback">;
  promptVersion: string;
  model: string;
  usage: Usage | null;
}

/**
 * Turns the model's judgement into a grade the offline evidence can stand behind: quotes the answer
 * does not contain are dropped; a criterion rises above the offline score by at most one point and only
 * with a verbatim quote; 3 or more needs a quote; the answer-wide caps (empty, off topic, hypothetical…)
 * apply as they do offline; and the code, not the model, computes the overall from the rubric's weights.
 *
 * An answer that addresses the grader (an instruction, a fake system turn or a fake JSON grade, as the
 * offline evidence marks its sentences) may have steered the model, and so may one it did not recognise
 * when the model's reply reads "As instructed…": then no raise at all, on any criterion or overall, and
 * none of the model's own words (reasons, gaps, follow-up, example) are shown.
 */
export function reconcile(input: ReconcileInput): Grade {
  const { judgement, offline, evidence: ev, answer, content } = input;
  const gate = answerGate(ev);
  const finder = quoteFinder(answer);
  // Words addressed to the grader earn nothing offline, and a model's quote of them earns nothing either.
  const instructions = ev.sentences.filter((s) => s.instruction).map((s) => s.sentence.text);
  // A model that writes like it obeyed ("As instructed…") was steered, whether or not the words that
  // steered it were recognised: it is held the same way.
  const obeyed = [
    ...CRITERIA.map((c) => judgement.criteria[c].rationale),
    ...judgement.missing,
    judgement.follow_up,
    judgement.improved_example,
  ].some(soundsObedient);
  const addressed = instructions.length > 0 || obeyed;
  const maxRaise = addressed ? 0 : MAX_RAISE;
  const creditable = (q: string) => !instructions.some((t) => t.includes(q) || q.includes(t));
  const labels = anchorLabels(content.rubric);
  // Nothing the model wrote is shown when the answer spoke to it or the model sounds obedient.
  const honest = (text: string, max: number) =>
    addressed ? "" : clip(withoutInventedFigures(text, answer), max);
  const disagreements: Disagreement[] = [];
  const scores = {} as Record<CriterionId, number>;
  const criteria = {} as Grade["criteria"];
  for (const c of CRITERIA) {
    const said = judgement.criteria[c];
    const before = offline.criteria[c];
    const llm = Math.max(0, labels.indexOf(said.anchor));
    const quotes = [
      ...new Set(
        said.evidence.map((q) => finder.find(q)).filter((q): q is string => q !== null && creditable(q)),
      ),
    ].slice(0, MAX_QUOTES);
    let score = Math.min(llm, before.score + maxRaise, gate.criterionMax[c]);
    if (score > before.score && quotes.length === 0) score = before.score;
    const evidence = quotes.length > 0 ? quotes : before.evidence;
    if (score >= NEEDS_QUOTE && evidence.length === 0) score = NEEDS_QUOTE - 1;
    if (Math.abs(llm - before.score) >= DISAGREEMENT)
      disagreements.push({ criterion: c, llm, offline: before.score });
    const rationale = honest(said.rationale, MAX_NOTE);
    scores[c] = score;
    criteria[c] = {
      score,
      evidence,
      note: score === llm && rationale ? rationale : content.feedback.notes[c][String(score) as "0"],
    };
  }
  const overall = Math.min(
    cappedOverall(scores, ev, input.level, content.rubric, gate.overallMax),
    offline.overall + (addressed ? 0 : MAX_OVERALL_RAISE),
  );
  const missing = judgement.missing
    .map((m) => honest(m, MAX_MISSING_ITEM))
    .filter((m) => m.length > 0)
    .slice(0, MAX_MISSING);
  const example = honest(judgement.improved_example, MAX_EXAMPLE);
  // A follow-up is a question; anything else ("No follow-up needed") gives way to the offline one.
  const followUp = honest(judgement.follow_up, MAX_FOLLOW_UP);
  return {
    ...offline,
    grader: "llm",
    overall,
    criteria,
    missing: missing.length > 0 ? missing : offline.missing,
    follow_up: followUp.includes("?") ? followUp : offline.follow_up,
    fallback: null,
    prompt_version: input.promptVersion,
    model: input.model,
    usage: input.usage,
    improved_example: example || null,
    disagreements,
  };
}
