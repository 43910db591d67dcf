import type { CriterionId } from "../criteria.js";
import type { AnalyzedSentence, Evidence } from "../evidence/extract.js";
import type { StarPart } from "../evidence/types.js";

export interface CriterionScore {
  score: number;
  /** Sentence indices that justify the score, strongest first. */
  sentences: number[];
}

const clamp = (n: number) => Math.max(0, Math.min(4, n));

function withRole(ev: Evidence, role: StarPart): AnalyzedSentence[] {
  return ev.sentences
    .filter((s) => s.roles.some((r) => r.role === role))
    .sort(
      (a, b) =>
        (b.roles.find((r) => r.role === role)?.confidence ?? 0) -
        (a.roles.find((r) => r.role === role)?.confidence ?? 0),
    );
}

const hasResultNumber = (s: AnalyzedSentence) =>
  s.changes.length > 0 ||
  s.quantities.some(
    (q) =>
      !q.timeFrame &&
      (s.hits.result_verbs.length > 0 ||
        s.hits.result_cues.length > 0 ||
        ((q.kind === "money" || q.kind === "percent") && s.hits.metric_terms.length > 0)),
  );

const saysOutcome = (s: AnalyzedSentence) =>
  s.hits.result_verbs.length > 0 ||
  s.hits.outcome_cues.length > 0 ||
  s.hits.result_cues.length > 0 ||
  s.changes.length > 0 ||
  s.hits.vague_result_phrases.length > 0;

export function scoreSituation(ev: Evidence): CriterionScore {
  // A passing "in my last role" inside an action is not a situation: the sentence must be mainly one.
  const s = withRole(ev, "situation").filter(
    (x) => !x.hypothetical && (x.roles[0]?.role === "situation" || x.sentence.heading === "situation"),
  );
  if (s.length === 0) return { score: 0, sentences: [] };
  const h = (k: keyof AnalyzedSentence["hits"]) => s.some((x) => x.hits[k].length > 0);
  const words = s.reduce((n, x) => n + x.sentence.wordCount, 0);
  const quantified = s.some((x) => x.quantities.some((q) => !q.timeFrame));
  const points =
    (h("context_nouns") ? 1 : 0) +
    (h("time_cues") || h("situation_cues") ? 1 : 0) +
    (h("problem_cues") ? 1 : 0) +
    (quantified ? 1 : 0) +
    (words >= 18 ? 1 : 0);
  let score = points <= 1 ? 1 : points === 2 ? 2 : 3;
  if (points >= 4 && quantified) score = 4;
  return { score, sentences: s.map((x) => x.sentence.index) };
}

export function scoreTask(ev: Evidence): CriterionScore {
  const t = withRole(ev, "task").filter((x) => !x.hypothetical && x.hits.task_cues.length > 0);
  if (t.length === 0) {
    const implied =
      ev.sentences.some((x) => x.roles.some((r) => r.role === "action")) &&
      ev.sentences.some((x) => x.roles.some((r) => r.role === "situation"));
    return { score: implied ? 1 : 0, sentences: [] };
  }
  const own = t.some(
    (x) =>
      x.firstPersonSingular > 0 || x.hits.task_cues.some((c) => c.startsWith("my") || c.startsWith("i ")),
  );
  const specific = t.some((x) => x.sentence.wordCount >= 10);
  const measurable = t.some(
    (x) =>
      x.quantities.length > 0 ||
      /\b(by|before|within|under|below|above|deadline|q[1-4])\b/i.test(x.sentence.norm),
  );
  let score = 2;
  if (own && specific) score = 3;
  if (score === 3 && measurable) score = 4;
  if (!own && !specific) score = 2;
  return { score, sentences: t.map((x) => x.sentence.index) };
}

/** At most this many steps of one sentence count: a long list in one sentence is still one passage. */
const STEPS_PER_SENTENCE = 3;

export function scoreAction(ev: Evidence): CriterionScore {
  const concrete = ev.sentences.filter((s) => s.concreteAction);
  const anyAction = ev.sentences.filter((s) => !s.salad && s.roles.some((r) => r.role === "action"));
  if (concrete.length === 0) {
    const some = anyAction.length > 0 || ev.methods.length > 0;
    return { score: some ? 1 : 0, sentences: anyAction.map((s) => s.sentence.index) };
  }
  const methodShown = ev.methods.some((m) => m.shown);
  const analysis = concrete.some((s) => s.hits.analysis_cues.length > 0);
  const people =
    concrete.some((s) => s.hits.stakeholder_cues.length > 0) ||
    ev.sentences.some((s) => s.hits.stakeholder_cues.length > 0 && s.concreteAction);
  const reasoned = ev.sentences.some(
    (s) => s.hits.reasoning_cues.length > 0 || s.hits.sequence_cues.length > 0,
  );
  // Steps told one after another in one sentence ("I blocked the dock door, called the carrier and
  // re-taped the load") count as steps, as they would in separate sentences.
  const told = concrete.reduce((n, s) => n + Math.max(1, Math.min(s.steps, STEPS_PER_SENTENCE)), 0);
  let score = told === 1 ? 2 : told === 2 ? (analysis || methodShown ? 3 : 2) : 3;
  if (told >= 3 && analysis && (methodShown || people) && reasoned) score = 4;
  if (told >= 4 && analysis && reasoned) score = 4;
  if (ev.singularActions === 0) score = Math.min(score, 2);
  else if (ev.singularActions < ev.pluralActions / 2) score = Math.min(score, 3);
  if (ev.hypothetical) score = Math.min(score, 1);
  return { score: clamp(score), sentences: concrete.map((s) => s.sentence.index) };
}

export function scoreResult(ev: Evidence): CriterionScore {
  // A side effect inside an action ("which saved two changeovers") is not the story's result.
  const r = withRole(ev, "result").filter(
    (x) =>
      !x.hypothetical &&
      // A target ("my goal was to reach 98%") is a task, not a result, unless it reports a change.
      !(x.hits.task_cues.length > 0 && x.changes.length === 0 && x.roles[0]?.role !== "result") &&
      (x.roles[0]?.role === "result" || (x.position >= 0.6 && saysOutcome(x))),
  );
  if (r.length === 0) return { score: 0, sentences: [] };
  const numbered = r.filter(hasResultNumber);
  const vagueOnly = r.every((x) => x.hits.vague_result_phrases.length > 0 || x.sentence.wordCount < 6);
  let score: number;
  if (numbered.length === 0) {
    const concrete = r.some(
      (x) =>
        (x.hits.result_verbs.length > 0 ||
          x.hits.metric_terms.length > 0 ||
          x.hits.outcome_cues.length > 0) &&
        x.hits.vague_result_phrases.length === 0,
    );
    score = concrete && !vagueOnly ? 2 : 1;
  } else {
    score = 3;
    const change = r.some((x) => x.changes.length > 0);
    const effect = r.some(
      (x) => x.hits.business_effect_terms.length > 0 || x.quantities.some((q) => q.kind === "money"),
    );
    const figures = numbered.reduce(
      (n, x) => n + Math.max(x.changes.length, x.quantities.filter((q) => !q.timeFrame).length),
      0,
    );
    const lasting = ev.sentences.some(
      (x) =>
        !x.hypothetical &&
        x.position >= 0.5 &&
        (x.hits.sustain_cues.length > 0 || x.hits.lesson_cues.length > 0),
    );
    const more = figures >= 2 || lasting;
    if (change && effect && more) score = 4;
  }
  if (ev.hypothetical) score = Math.min(score, 1);
  const isNumbered = new Set(numbered);
  const order = [...numbered, ...r.filter((x) => !isNumbered.has(x))];
  return { score, sentences: order.map((x) => x.sentence.index) };
}

export function scoreDataEvidence(ev: Evidence, result: CriterionScore): CriterionScore {
  const real = ev.sentences.filter(
    (s) => !s.salad && !s.hypothetical && (s.roles.length > 0 || s.sentence.wordCount >= 3),
  );
  const withChange = real.filter((s) => s.changes.length > 0);
  const withNumbers = real.filter((s) => s.quantities.some((q) => !q.timeFrame));
  const methodShown = ev.methods.some((m) => m.shown);
  const analysis = real.some((s) => s.concreteAction && s.hits.analysis_cues.length > 0);
  const baseline = real.some(
    (s) => s.roles.some((r) => r.role === "situation") && s.quantities.some((q) => !q.timeFrame),
  );
  const resultNumber = result.score >= 3;
  const effect = real.some(
    (s) =>
      s.roles.some((r) => r.role === "result") &&
      (s.hits.business_effect_terms.length > 0 || s.quantities.some((q) => q.kind === "money")),
  );
  let score = 0;
  if (withNumbers.length > 0 || ev.methods.length > 0 || real.some((s) => s.hits.analysis_cues.length > 0))
    score = 1;
  if (baseline || resultNumber || analysis) score = 2;
  if (withChange.length > 0 || (methodShown && resultNumber) || (baseline && resultNumber)) score = 3;
  if (
    score === 3 &&
    (withChange.length > 0 || (baseline && resultNumber)) &&
    (methodShown || analysis) &&
    effect
  )
    score = 4;
  const changed = new Set(withChange);
  const sentences = [...withChange, ...withNumbers.filter((s) => !changed.has(s))].map(
    (s) => s.sentence.index,
  );
  return { score, sentences };
}

export function scoreOwnership(ev: Evidence): CriterionScore {
  const acts = ev.sentences.filter(
    (s) =>
      !s.salad && !s.hypothetical && s.actingSubjects.length > 0 && s.roles.some((r) => r.role === "action"),
  );
  const mine = acts.filter((s) => s.actingSubjects.includes("singular"));
  if (ev.hypothetical || acts.length === 0) return { score: 0, sentences: [] };
  const i = ev.singularActions;
  const we = ev.pluralActions;
  const ratio = i / Math.max(1, i + we);
  let score: number;
  if (i === 0) score = 1;
  else if (ratio < 0.4 || (i < 2 && we > 0)) score = 2;
  else score = 3;
  const judgement = ev.sentences.some(
    (s) => s.hits.decision_cues.length > 0 || s.hits.team_credit_cues.length > 0,
  );
  if (score === 3 && i >= 3 && ratio >= 0.5 && judgement) score = 4;
  const shown = mine.length > 0 ? mine : acts;
  return { score, sentences: shown.map((s) => s.sentence.index) };
}

export type CriterionScores = Record<CriterionId, CriterionScore>;

export function scoreCriteria(ev: Evidence): CriterionScores {
  const result = scoreResult(ev);
  return {
    situation: scoreSituation(ev),
    task: scoreTask(ev),
    action: scoreAction(ev),
    result,
    data_evidence: scoreDataEvidence(ev, result),
    ownership: scoreOwnership(ev),
  };
}
