import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Evidence } from "../evidence/extract.js";
import type { NoticeKey } from "../feedback/schema.js";
import type { Level } from "../levels.js";
import type { Rubric } from "../rubric/schema.js";
import { overallFromShare, scopeCheck, weightedShare } from "./overall.js";

/** Below this many words an answer is too short to call off topic. */
const OFF_TOPIC_MIN_WORDS = 12;
/** However good, a story about another competency than the question's is not an answer to it. */
const OTHER_COMPETENCY_MAX = 3;
/** The overall of a plan or habit told step by step, with its setting. */
const HYPOTHETICAL_WORKED_OUT = 2;
const WORKED_OUT_STEPS = 4;
/** Real labellers gave plans and habits of 135 words or more a 2, of 80 or fewer a 1. */
const WORKED_OUT_WORDS = 120;

function workedOut(ev: Evidence): boolean {
  // A step of a plan is told in the first person ("I would call the carrier"); advice has no subject.
  const steps = ev.sentences.filter(
    (s) =>
      !s.salad && (s.roles.some((r) => r.role === "action") || (s.hypothetical && s.firstPersonSingular > 0)),
  ).length;
  const setting = ev.sentences.some((s) => s.roles.some((r) => r.role === "situation" || r.role === "task"));
  // Or told at length in the first person, though its steps are not all told as steps ("I make sure the
  // team can see the schedule…"): interviewers give such an answer the same 2.
  const told = ev.sentences.filter((s) => !s.salad && s.firstPersonSingular > 0).length;
  const atLength = told >= WORKED_OUT_STEPS && ev.wordCount >= WORKED_OUT_WORDS;
  return (steps >= WORKED_OUT_STEPS || atLength) && setting;
}

/**
 * Methods listed with generic verbs and no step applied to anything ("I applied Lean and Six Sigma, did
 * VSM, led a kaizen and implemented 5S"): a template, whatever figures follow it.
 */
function templateOnly(ev: Evidence): boolean {
  const real = ev.sentences.filter((s) => !s.salad && !s.hypothetical);
  return (
    ev.methods.length >= 2 &&
    ev.methods.every((m) => !m.shown) &&
    real.some((s) => s.methodsOnly) &&
    // A goal ("I needed to reduce costs") is not a step, whatever its verb.
    !real.some((s) => s.concreteAction && s.sentence.heading !== "task" && s.roles[0]?.role !== "task")
  );
}
/** A template's overall: what it claims cannot be told from what anyone did. */
const TEMPLATE_MAX = 2;

/** Told as a plan or a habit, these criteria cannot show what the candidate actually did. */
const HYPOTHETICAL_CAPPED: readonly CriterionId[] = ["action", "result", "ownership"];

/** What the answer as a whole allows, whoever scores its criteria: the offline grader or an LLM. */
export interface AnswerGate {
  notices: NoticeKey[];
  /** The highest score each criterion may get. */
  criterionMax: Record<CriterionId, number>;
  /** The lowest score each criterion gets offline, whatever the fitted model says. */
  criterionMin: Record<CriterionId, number>;
  /** The highest overall before the rubric's own caps (scope, missing parts, short answers). */
  overallMax: number;
}

export function answerGate(ev: Evidence): AnswerGate {
  const notices: NoticeKey[] = [];
  let all = 4;
  let overallMax = 5;
  if (ev.empty) notices.push("empty");
  else if (ev.nonEnglish) notices.push("non_english");
  else if (ev.salad) notices.push("salad");
  if (notices.length > 0) {
    all = ev.salad ? 1 : 0;
    overallMax = 1;
  } else {
    if (!ev.relevance.onTopic && ev.wordCount >= OFF_TOPIC_MIN_WORDS) {
      notices.push("off_topic");
      all = 1;
      overallMax = 1;
    }
    // A story about another competency than the one asked for answers a question, not this one.
    else if (ev.topic?.otherCompetency) {
      notices.push("other_competency");
      overallMax = Math.min(overallMax, OTHER_COMPETENCY_MAX);
    }
    if (ev.joke) notices.push("joke");
    if (ev.hypothetical) {
      notices.push("hypothetical");
      overallMax = Math.min(overallMax, 2);
    } else if (templateOnly(ev)) {
      notices.push("template");
      overallMax = Math.min(overallMax, TEMPLATE_MAX);
    }
  }
  const criterionMax = Object.fromEntries(
    CRITERIA.map((c) => [c, ev.hypothetical && HYPOTHETICAL_CAPPED.includes(c) ? Math.min(all, 1) : all]),
  ) as Record<CriterionId, number>;
  if (notices.includes("template")) criterionMax.action = Math.min(criterionMax.action, 1);
  // An impossible figure (a share above 100%, a fall of more than 100%, savings above the budget)
  // discredits the answer's data and caps the whole answer: a result told in such figures is at best
  // partial, whatever else it says.
  if (ev.arithmetic.some((a) => a.kind === "impossible")) {
    overallMax = Math.min(overallMax, 2);
    criterionMax.data_evidence = Math.min(criterionMax.data_evidence, 1);
    criterionMax.result = Math.min(criterionMax.result, 2);
  }
  const criterionMin = Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Record<CriterionId, number>;
  // A plan's steps are actions told thinly (the anchor "vague"), not no action at all: "I would first
  // find out what the problem is and work out a solution" tells what the candidate would do.
  if (ev.hypothetical && notices.every((n) => n === "hypothetical") && ev.plannedSteps > 0)
    criterionMin.action = Math.min(1, criterionMax.action);
  return { notices, criterionMax, criterionMin, overallMax };
}

/**
 * Sentences as the candidate wrote them, that say something: a stray word or a heading on its own line
 * is not one, and a run-on sentence cut into pieces for reading is still one.
 */
const SENTENCE_MIN_WORDS = 3;
export function toldSentences(ev: Evidence): number {
  return ev.sentences.filter(
    (s) => !s.salad && !s.sentence.runOn && s.sentence.wordCount >= SENTENCE_MIN_WORDS,
  ).length;
}

/** Told in so few sentences that the rubric caps it (`few_sentences`). */
export function fewSentences(ev: Evidence, rubric: Rubric): boolean {
  const few = rubric.few_sentences;
  return few !== undefined && !ev.empty && toldSentences(ev) <= few.at_most;
}

/** The overall 1–5 from criterion scores: the rubric's weights, then every cap the answer calls for. */
export function cappedOverall(
  scores: Record<CriterionId, number>,
  ev: Evidence,
  level: Level,
  rubric: Rubric,
  overallMax: number,
): number {
  let overall = Math.min(overallFromShare(weightedShare(scores, rubric)), overallMax);
  const scope = scopeCheck(level, ev.scope.length, rubric);
  if (scope.short) overall = Math.min(overall, scope.cap);
  for (const c of CRITERIA) {
    const partCap = rubric.missing_part_caps[c];
    if (partCap !== undefined && scores[c] === 0) overall = Math.min(overall, partCap);
    const thinCap = rubric.thin_part_caps[c];
    if (thinCap !== undefined && scores[c] === 1) overall = Math.min(overall, thinCap);
  }
  const short = rubric.short_answers.find((r) => ev.wordCount < r.below_words);
  if (short) overall = Math.min(overall, short.overall_max);
  if (fewSentences(ev, rubric)) overall = Math.min(overall, rubric.few_sentences?.overall_max ?? overall);
  // A plan or a habit is capped at 2, and a worked-out one (several steps with their setting) earns
  // that 2: the thin action and result its gate gives would otherwise leave it at 1 with a one-liner.
  if (ev.hypothetical && overall < HYPOTHETICAL_WORKED_OUT && workedOut(ev) && !short)
    overall = HYPOTHETICAL_WORKED_OUT;
  return overall;
}
