import { applyCalibration } from "../calibration/apply.js";
import { answerFeatures, type Features } from "../calibration/features.js";
import { type Calibration, FLAG_MODELS, type FlagModel } from "../calibration/schema.js";
import { criterionScores } from "../calibration/scores.js";
import type { Content } from "../content/load.js";
import { CRITERIA, type CriterionId } from "../criteria.js";
import { type Evidence, extractEvidence } from "../evidence/extract.js";
import { assessTopic, onTopic } from "../evidence/topic.js";
import { render } from "../feedback/template.js";
import type { Level } from "../levels.js";
import type { Probe } from "../questions/schema.js";
import { type AnswerGate, answerGate, cappedOverall } from "./caps.js";
import { evidenceQuotes } from "./evidence-quotes.js";
import { chooseFollowUp, chooseTips, listMissing, shorten } from "./feedback.js";
import { limitAnswer, truncatedNotice } from "./limits.js";
import { scopeCheck } from "./overall.js";
import { type CriterionScores, scoreCriteria } from "./scores.js";
import type { Grade } from "./types.js";

export interface QuestionRef {
  id: string | null;
  text: string;
  competency: string | null;
  probes: readonly Probe[];
}

export interface GradeInput {
  answer: string;
  question: QuestionRef;
  level: Level;
}

/** Without a calibration (when fitting one) the rubric's rule scores are the grade. */
export type GradingContent = Pick<Content, "rubric" | "lexicon" | "feedback" | "bank"> & {
  calibration?: Calibration | null;
};

function gate(
  scores: CriterionScores,
  { criterionMax: max, criterionMin: min }: Pick<AnswerGate, "criterionMax" | "criterionMin">,
): CriterionScores {
  const out = { ...scores };
  for (const c of CRITERIA)
    out[c] = { ...scores[c], score: Math.max(min[c], Math.min(scores[c].score, max[c])) };
  return out;
}

/** A before and an after value told together, firmly, in a story told as past. */
function statesPair(ev: Evidence, real: boolean): boolean {
  return (
    real && !ev.hypothetical && ev.changes.some((c) => !c.linked && c.before !== null && c.after !== null)
  );
}

/** A result sentence that states a figure ("cleared within 10 minutes", "saved $250,000"): quantified. */
function statesFigure(ev: Evidence): boolean {
  return ev.sentences.some(
    (s) =>
      !s.salad &&
      !s.hypothetical &&
      s.roles[0]?.role === "result" &&
      s.quantities.some((q) => !q.timeFrame && !q.hedged),
  );
}

function baselineAndAfter(ev: Evidence, scores: CriterionScores): boolean {
  // Both values, in one sentence or linked across two. A change alone ("cut scrap by 20%", "doubled
  // throughput") gives neither: interviewers still ask "from what?".
  if (ev.changes.some((c) => c.before !== null && c.after !== null)) return true;
  // A baseline told in the situation ("averaging 72 hours") and an after value of the same kind in the result.
  const kinds = (role: "situation" | "result") =>
    new Set(
      ev.sentences
        .filter((s) => !s.salad && !s.hypothetical && s.roles[0]?.role === role)
        .flatMap((s) => s.quantities.filter((q) => !q.timeFrame).map((q) => q.kind)),
    );
  const before = kinds("situation");
  return scores.result.score >= 3 && [...kinds("result")].some((k) => before.has(k));
}

/**
 * The candidate's own steps are told with "I" (at least a third of those with a subject). In a plan or a
 * habit, its steps count too: "I would quarantine the batch" is still told in the first person, though
 * the ownership criterion gives it no credit for something not done.
 */
function toldWithI(ev: Evidence): boolean {
  const i = ev.singularActions + (ev.hypothetical ? ev.plannedSingular : 0);
  const we = ev.pluralActions + (ev.hypothetical ? ev.plannedPlural : 0);
  return i >= 1 && i / (i + we) >= 0.34;
}

/** Grades one answer with the offline grader: pure, deterministic, no I/O. */
export function gradeAnswer(input: GradeInput, content: GradingContent): Grade {
  return gradeWithEvidence(input, content).grade;
}

export interface OfflineGrade {
  grade: Grade;
  /** What the offline reader found: the LLM grade is reconciled against it. */
  evidence: Evidence;
  /** What the calibrated models read (before calibration). */
  features: Features;
}

export function gradeWithEvidence(input: GradeInput, content: GradingContent): OfflineGrade {
  // Past MAX_ANSWER_CHARS only a prefix is graded (linear time whatever is pasted), and the grade says so.
  const limited = limitAnswer(input.answer);
  if (limited.truncated) {
    const cut = gradeWithEvidence({ ...input, answer: limited.text }, content);
    const notice = truncatedNotice(content.feedback.notices.truncated, limited);
    return { ...cut, grade: { ...cut.grade, notices: [notice, ...cut.grade.notices] } };
  }
  const { rubric, lexicon, feedback, bank } = content;
  const keywords = input.question.competency
    ? (bank.competency(input.question.competency)?.keywords ?? [])
    : [];
  const read = extractEvidence({ answer: input.answer, question: input.question.text, keywords }, lexicon);
  const topic = assessTopic(
    input.answer,
    input.question.text,
    input.question.competency,
    bank.competencies,
    read,
  );
  const ev: Evidence = { ...read, topic, relevance: { ...read.relevance, onTopic: onTopic(read, topic) } };
  const answerCaps = answerGate(ev);
  const ruleScores = gate(scoreCriteria(ev), answerCaps);
  const competencyName = (id: string | null) =>
    (id && bank.competency(id)?.name.toLowerCase()) ?? "another competency";
  const topicNames = { asked: competencyName(topic.asked), told: competencyName(topic.told) };
  const notices = answerCaps.notices.map((k) => render(feedback.notices[k], topicNames));
  const real = !ev.empty && !ev.nonEnglish && !ev.salad;
  const ruleFlags = {
    quantified_result: real && !ev.hypothetical && (ruleScores.result.score >= 3 || statesFigure(ev)),
    baseline_and_after: real && !ev.hypothetical && baselineAndAfter(ev, ruleScores),
    method_or_framework:
      !ev.empty &&
      (ev.methods.length > 0 ||
        ev.sentences.some((s) => s.concreteAction && s.hits.analysis_cues.length > 0)),
    first_person_ownership: real && toldWithI(ev),
    hypothetical: real && ev.hypothetical,
  };
  const features = answerFeatures(ev, ruleScores, ruleFlags);
  const calibrated = real && content.calibration ? applyCalibration(content.calibration, features) : null;
  const calibratedScores = calibrated ? criterionScores(features, calibrated.parts) : null;
  const scores = calibratedScores
    ? gate(
        Object.fromEntries(
          CRITERIA.map((c) => [c, { ...ruleScores[c], score: calibratedScores[c] }]),
        ) as CriterionScores,
        answerCaps,
      )
    : ruleScores;
  const modelled = calibrated
    ? {
        ...ruleFlags,
        ...(Object.fromEntries(FLAG_MODELS.map((f) => [f, real && calibrated.flags[f]])) as Record<
          FlagModel,
          boolean
        >),
      }
    : ruleFlags;
  // "From about fifteen a week to two" in one sentence is a baseline and an after value by definition:
  // the model weighs the weaker signs (a figure in the situation, another in the result), not this one.
  const flags = { ...modelled, baseline_and_after: modelled.baseline_and_after || statesPair(ev, real) };
  const numbers = Object.fromEntries(CRITERIA.map((c) => [c, scores[c].score])) as Record<
    CriterionId,
    number
  >;
  const scope = scopeCheck(input.level, ev.scope.length, rubric);
  // The rubric's weights over the calibrated criteria, then its caps. A fitted overall model was tried
  // and generalised worse under cross-validation (see README, "Calibration").
  const overall = cappedOverall(numbers, ev, input.level, rubric, answerCaps.overallMax);
  const businessEffect = scores.result.sentences.some((i) => {
    const s = ev.sentences[i];
    return Boolean(
      s && (s.hits.business_effect_terms.length > 0 || s.quantities.some((q) => q.kind === "money")),
    );
  });
  const ctx = { ev, scores, flags, businessEffect, scope, level: input.level, feedback, rubric, overall };
  const quotes = evidenceQuotes(ev, scores);
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => {
      const score = scores[c].score;
      return [
        c,
        {
          score,
          evidence: quotes[c],
          note: feedback.notes[c][String(score) as "0"],
        },
      ];
    }),
  ) as Grade["criteria"];
  const grade: Grade = {
    grader: "offline",
    overall,
    criteria,
    flags,
    missing: listMissing(ctx),
    follow_up: topic.otherCompetency
      ? render(feedback.competency_probe, topicNames)
      : chooseFollowUp(scores, input.question.probes, rubric, feedback),
    tips: chooseTips(ctx),
    notices,
    arithmetic: ev.arithmetic.map((a) => ({
      kind: a.kind,
      text: a.text,
      claimed: a.claimed,
      actual: a.actual,
      message: render(feedback.tips[a.kind === "impossible" ? "arithmetic_impossible" : "arithmetic"], {
        before: a.before,
        after: a.after,
        claimed: a.claimed,
        actual: a.actual,
        quote: shorten(a.text),
      }),
    })),
    level: input.level,
    question_id: input.question.id,
    stats: {
      words: ev.wordCount,
      speaking_seconds: ev.speakingSeconds,
      sentences: ev.sentences.length,
      methods: ev.methods.map((m) => m.name),
      scope: ev.scope,
    },
    rubric: { id: rubric.id, version: rubric.version },
    fallback: null,
    prompt_version: null,
    model: null,
    usage: null,
    improved_example: null,
    disagreements: [],
  };
  return { grade, evidence: ev, features };
}
