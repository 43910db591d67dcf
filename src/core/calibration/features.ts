import type { AnalyzedSentence, Evidence } from "../evidence/extract.js";
import { tellsAdvice } from "../evidence/habit.js";
import { settingSentences } from "../evidence/setting.js";
import type { StarPart } from "../evidence/types.js";
import type { CriterionScores } from "../grading/scores.js";

/**
 * What the calibrated models read: numbers computed from the explainable evidence (sentences and their
 * roles, quantities, methods, ownership) and from the rubric's rule scores. Each model in
 * rubrics/calibration.json names the features it uses; a name missing here fails validation at load.
 */
export const FEATURE_NAMES = [
  "words",
  "sentences",
  "rule_situation",
  "rule_task",
  "rule_action",
  "rule_result",
  "rule_data_evidence",
  "rule_ownership",
  "headings",
  "situation_sentences",
  "situation_context",
  "situation_number",
  "problem_cues",
  "task_sentences",
  "task_target",
  "task_implied",
  "concrete_actions",
  "action_sentences",
  "singular_actions",
  "plural_actions",
  "singular_share",
  "first_person",
  "methods_named",
  "methods_shown",
  "methods_story",
  "methods_used",
  "analysis",
  "stakeholders",
  "reasoning",
  "result_sentences",
  "result_late",
  "result_numbers",
  "changes",
  "numbers",
  "vague_result",
  "business_effect",
  "sustain",
  "hypothetical",
  "hypothetical_share",
  "past_share",
  "hedge_rate",
  "scope",
  "rule_quantified",
  "rule_baseline",
  "rule_method",
  "rule_first_person",
  "situation_words",
  "situation_specifics",
  "task_words",
  "action_words",
  "action_specifics",
  "action_steps",
  "action_stock",
  "action_clauses",
  "story_clauses",
  "result_words",
  "result_specifics",
  "result_outcome",
  "told_situation",
  "told_task",
  "told_action",
  "told_result",
  "action_abstract",
  "action_verb_steps",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export interface RuleFlags {
  quantified_result: boolean;
  baseline_and_after: boolean;
  method_or_framework: boolean;
  first_person_ownership: boolean;
}

const cap = (n: number, max: number) => Math.min(n, max);
const log1p = (n: number) => Math.log(1 + n);
const primary = (s: AnalyzedSentence, role: StarPart) =>
  s.roles[0]?.role === role || s.sentence.heading === role;
const measured = (s: AnalyzedSentence) => s.quantities.filter((q) => !q.timeFrame).length;
const b = (x: boolean) => (x ? 1 : 0);
/** A word in the past tense by its ending: each is one step told ("mapped", "re-slotted", "trained"). */
const PAST = /^[\p{L}-]{3,}ed$/u;
/** A capitalised word inside a sentence (a name, a place, a system) or an acronym. */
const NAME = /(?<=[\p{L}\p{N},;:] )(?:\p{Lu}\p{Ll}+|\p{Lu}{2,})\b/gu;

/**
 * Abstract nouns made from verbs and adjectives ("coordinated communication", "emphasized the importance
 * of teamwork"): a step told with them names no object it was applied to, so it stays vague.
 */
const ABSTRACT = /^\p{L}{4,}(?:tion|sion|ment|ness|ity|ance|ence)s?$/u;
/** Abstract nouns per 100 words of the sentences that play the action (at least 20 words counted). */
function abstractRate(xs: readonly AnalyzedSentence[]): number {
  let n = 0;
  let words = 0;
  for (const s of xs) {
    words += s.sentence.wordCount;
    for (const w of s.tokens) if (ABSTRACT.test(w)) n++;
  }
  return (n / Math.max(20, words)) * 100;
}
const PLAN = new Set(["would", "will", "i'd", "i'll", "i\u2019d", "i\u2019ll"]);
const isPastWord = (w: string) => PAST.test(w);
/** A step planned rather than taken: "I would first talk to each of them", "Speak to them both individually". */
const plans = (s: AnalyzedSentence) =>
  s.hypothetical &&
  s.sentence.wordCount >= 4 &&
  (s.tokens.some((w) => PLAN.has(w)) || tellsAdvice(s.tokens, () => false, isPastWord));

/** How concrete a sentence is: figures (time frames included), names, places and systems, domain nouns. */
function specifics(s: AnalyzedSentence): number {
  let names = 0;
  for (const m of s.sentence.text.matchAll(NAME)) if (m[0] !== "I") names++;
  return s.quantities.length + Math.min(names, 3) + s.hits.context_nouns.length + s.hits.metric_terms.length;
}

export function answerFeatures(ev: Evidence, scores: CriterionScores, flags: RuleFlags): Features {
  const real = ev.sentences.filter((s) => !s.salad);
  const n = Math.max(1, real.length);
  const withRole = (role: StarPart) => real.filter((s) => primary(s, role));
  const situation = withRole("situation");
  const task = real.filter((s) => s.hits.task_cues.length > 0 || s.sentence.heading === "task");
  const result = withRole("result");
  const resultish = real.filter((s) => s.roles.some((r) => r.role === "result"));
  const actions = real.filter((s) => s.roles.some((r) => r.role === "action"));
  const concrete = real.filter((s) => s.concreteAction).length;
  const sum = (xs: readonly AnalyzedSentence[], f: (s: AnalyzedSentence) => number) =>
    xs.reduce((t, s) => t + f(s), 0);
  const told = (part: StarPart, rule: number) =>
    b(rule > 0 || ev.sentences.some((s) => s.roles[0]?.role === part || s.sentence.heading === part));
  // How a story told in the past ends is its result, however thin: "Ultimately, we decided to invest".
  const last = real.at(-1);
  // A closing step ("...and I froze the plan 48 hours out") is still an action, unless it opens as an ending.
  const closing =
    !ev.hypothetical &&
    last !== undefined &&
    last.pastTense &&
    !last.hypothetical &&
    (real.length > 1 || last.hits.outcome_cues.length > 0) &&
    (last.steps === 0 || last.hits.closing_cues.length > 0 || last.hits.outcome_cues.length > 0);
  // Likewise its opening sets the scene, however thinly: "One of the people I supervised ignored the forms".
  const first = real[0];
  const opening = !ev.hypothetical && real.length > 1 && first !== undefined && !first.hypothetical;
  const i = ev.singularActions;
  const we = ev.pluralActions;
  const scene = settingSentences(ev.sentences);
  const setting = (k: number) => scene.has(k);
  return {
    words: log1p(ev.wordCount),
    sentences: log1p(real.length),
    rule_situation: scores.situation.score,
    rule_task: scores.task.score,
    rule_action: scores.action.score,
    rule_result: scores.result.score,
    rule_data_evidence: scores.data_evidence.score,
    rule_ownership: scores.ownership.score,
    headings: cap(new Set(real.map((s) => s.sentence.heading).filter(Boolean)).size, 4),
    situation_sentences: cap(situation.length, 3),
    situation_context: cap(
      sum(situation, (s) => s.hits.context_nouns.length + s.hits.time_cues.length),
      4,
    ),
    situation_number: b(situation.some((s) => measured(s) > 0)),
    problem_cues: cap(
      sum(real, (s) => s.hits.problem_cues.length),
      3,
    ),
    task_sentences: cap(task.length, 2),
    task_target: b(task.some((s) => s.quantities.length > 0)),
    task_implied: b(task.length === 0 && actions.length > 0 && situation.length > 0),
    concrete_actions: log1p(concrete),
    action_sentences: cap(actions.length, 8),
    singular_actions: log1p(i),
    plural_actions: log1p(we),
    singular_share: i + we === 0 ? 0.5 : i / (i + we),
    first_person:
      cap(
        sum(real, (s) => s.firstPersonSingular),
        10,
      ) / 10,
    methods_named: cap(ev.methods.length, 3),
    methods_shown: cap(ev.methods.filter((m) => m.shown).length, 3),
    // Methods named beyond the setting, and those shown in a step there: a tool that is only part of
    // the scene ("orders are created in our ERP") was not used.
    methods_used: cap(ev.methods.filter((m) => m.shown && !m.sentences.every(setting)).length, 3),
    methods_story: cap(ev.methods.filter((m) => !m.sentences.every(setting)).length, 3),
    analysis: cap(
      sum(real, (s) => s.hits.analysis_cues.length),
      3,
    ),
    stakeholders: cap(
      sum(real, (s) => s.hits.stakeholder_cues.length),
      3,
    ),
    reasoning: cap(
      sum(real, (s) => s.hits.reasoning_cues.length + s.hits.sequence_cues.length),
      4,
    ),
    result_sentences: cap(result.length, 3),
    result_late: b(real.slice(-2).some((s) => s.roles.some((r) => r.role === "result"))),
    result_numbers: cap(sum(result, measured), 4),
    changes: log1p(ev.changes.length),
    numbers: log1p(ev.quantities.filter((q) => !q.timeFrame).length),
    vague_result: b(real.some((s) => s.hits.vague_result_phrases.length > 0)),
    business_effect: b(
      result.some(
        (s) => s.hits.business_effect_terms.length > 0 || s.quantities.some((q) => q.kind === "money"),
      ),
    ),
    sustain: b(real.some((s) => s.hits.sustain_cues.length + s.hits.lesson_cues.length > 0)),
    // A story whose action is told as a habit ("Action: I would remind the crew…") is hypothetical, but unlike a
    // plan told instead of a story it may still tell what came of it: the models read only the plans here.
    hypothetical: b(ev.hypothetical && !ev.habitualOnly),
    hypothetical_share: real.filter((s) => s.hypothetical).length / n,
    past_share: real.filter((s) => s.pastTense).length / n,
    hedge_rate: cap(((ev.hedges + ev.fillers) / Math.max(20, ev.wordCount)) * 100, 10),
    scope: cap(ev.scope.length, 4),
    rule_quantified: b(flags.quantified_result),
    rule_baseline: b(flags.baseline_and_after),
    rule_method: b(flags.method_or_framework),
    rule_first_person: b(flags.first_person_ownership),
    situation_words: log1p(sum(situation, (s) => s.sentence.wordCount)),
    situation_specifics: cap(sum(situation, specifics), 6),
    task_words: log1p(sum(task, (s) => s.sentence.wordCount)),
    action_words: log1p(sum(actions, (s) => s.sentence.wordCount)),
    action_specifics: cap(sum(actions, specifics), 10),
    action_steps: cap(
      sum(actions, (s) => s.tokens.filter((w) => PAST.test(w)).length + s.hits.action_verbs.length),
      16,
    ),
    // The same, with a stem's nouns and adjectives left out ("escalations", "automatic", "coordinator").
    action_verb_steps: cap(
      sum(actions, (s) => s.tokens.filter((w) => PAST.test(w)).length + s.actionVerbs),
      16,
    ),
    action_clauses: cap(
      sum(actions, (s) => s.steps),
      12,
    ),
    story_clauses: cap(
      sum(real, (s) => s.steps),
      16,
    ),
    action_stock:
      sum(actions, (s) => s.hits.stock_phrases.length) /
      Math.max(1, sum(actions, (s) => s.sentence.wordCount) / 20),
    action_abstract: cap(abstractRate(actions), 20),
    result_words: log1p(sum(resultish, (s) => s.sentence.wordCount)),
    result_specifics: cap(sum(resultish, specifics), 6),
    told_situation: b(told("situation", scores.situation.score) > 0 || opening),
    told_task: told("task", scores.task.score),
    // A plan told instead of a story ("I would first talk to each of them") is an action, however thin.
    told_action: b(
      told("action", scores.action.score) > 0 || (ev.hypothetical && !ev.joke && real.some(plans)),
    ),
    told_result: b(told("result", scores.result.score) > 0 || closing),
    result_outcome: cap(
      sum(
        real.filter((s) => s.position >= 0.5),
        (s) => s.hits.outcome_cues.length,
      ),
      3,
    ),
  };
}

export function featureVector(features: Features, names: readonly string[]): number[] {
  return names.map((n) => (features as Record<string, number>)[n] ?? 0);
}
