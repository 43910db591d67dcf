import type { Content } from "../content/load.js";
import { CRITERIA, type CriterionId } from "../criteria.js";
import { type Evidence, extractEvidence } from "../evidence/extract.js";
import { render } from "../feedback/template.js";
import type { Level } from "../levels.js";
import type { Probe } from "../questions/schema.js";
import { answerGate, cappedOverall } from "./caps.js";
import { chooseFollowUp, chooseTips, listMissing } from "./feedback.js";
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

export type GradingContent = Pick<Content, "rubric" | "lexicon" | "feedback" | "bank">;

/** Longest evidence quote: a prefix of the sentence, so it stays a verbatim substring of the answer. */
const MAX_QUOTE = 300;
const MAX_QUOTES = 3;

function quote(text: string): string {
  if (text.length <= MAX_QUOTE) return text;
  const cut = text.slice(0, MAX_QUOTE);
  const space = cut.lastIndexOf(" ");
  return space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut;
}

function gate(scores: CriterionScores, max: Record<CriterionId, number>): CriterionScores {
  const out = { ...scores };
  for (const c of CRITERIA) out[c] = { ...scores[c], score: Math.min(scores[c].score, max[c]) };
  return out;
}

function baselineAndAfter(ev: Evidence, scores: CriterionScores): boolean {
  if (ev.changes.length > 0) return true;
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

/** Grades one answer with the offline grader: pure, deterministic, no I/O. */
export function gradeAnswer(input: GradeInput, content: GradingContent): Grade {
  return gradeWithEvidence(input, content).grade;
}

export interface OfflineGrade {
  grade: Grade;
  /** What the offline reader found: the LLM grade is reconciled against it. */
  evidence: Evidence;
}

export function gradeWithEvidence(input: GradeInput, content: GradingContent): OfflineGrade {
  const { rubric, lexicon, feedback, bank } = content;
  const keywords = input.question.competency
    ? (bank.competency(input.question.competency)?.keywords ?? [])
    : [];
  const ev = extractEvidence({ answer: input.answer, question: input.question.text, keywords }, lexicon);
  const answerCaps = answerGate(ev);
  const scores = gate(scoreCriteria(ev), answerCaps.criterionMax);
  const notices = answerCaps.notices.map((k) => feedback.notices[k]);
  const numbers = Object.fromEntries(CRITERIA.map((c) => [c, scores[c].score])) as Record<
    CriterionId,
    number
  >;
  const scope = scopeCheck(input.level, ev.scope.length, rubric);
  const overall = cappedOverall(numbers, ev, input.level, rubric, answerCaps.overallMax);
  const real = !ev.empty && !ev.nonEnglish && !ev.salad;
  const flags = {
    quantified_result: real && !ev.hypothetical && scores.result.score >= 3,
    baseline_and_after: real && !ev.hypothetical && baselineAndAfter(ev, scores),
    method_or_framework:
      !ev.empty &&
      (ev.methods.length > 0 ||
        ev.sentences.some((s) => s.concreteAction && s.hits.analysis_cues.length > 0)),
    first_person_ownership:
      real &&
      !ev.hypothetical &&
      ev.singularActions >= 1 &&
      ev.singularActions / (ev.singularActions + ev.pluralActions) >= 0.34,
    hypothetical: real && ev.hypothetical,
  };
  const businessEffect = scores.result.sentences.some((i) => {
    const s = ev.sentences[i];
    return Boolean(
      s && (s.hits.business_effect_terms.length > 0 || s.quantities.some((q) => q.kind === "money")),
    );
  });
  const ctx = { ev, scores, flags, businessEffect, scope, level: input.level, feedback };
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => {
      const score = scores[c].score;
      const evidence =
        score === 0 && !real
          ? []
          : scores[c].sentences.slice(0, MAX_QUOTES).map((i) => quote(ev.sentences[i]?.sentence.text ?? ""));
      return [
        c,
        {
          score,
          evidence: evidence.filter((e) => e.length > 0),
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
    follow_up: chooseFollowUp(scores, input.question.probes, rubric, feedback),
    tips: chooseTips(ctx),
    notices,
    arithmetic: ev.arithmetic.map((a) => ({
      text: a.text,
      claimed: a.claimed,
      actual: a.actual,
      message: render(feedback.tips.arithmetic, {
        before: a.before,
        after: a.after,
        claimed: a.claimed,
        actual: a.actual,
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
  return { grade, evidence: ev };
}
