import type { Lexicon } from "../lexicon/schema.js";
import { type ArithmeticIssue, arithmeticIssues } from "./arithmetic.js";
import { type CompiledLexicon, compileLexicon, type ScopeKind } from "./compiled-lexicon.js";
import { type SentenceFeatures, sentenceFeatures } from "./features.js";
import { tellsRoutine } from "./habit.js";
import { answerChanges } from "./linked-changes.js";
import { normalizeMetric } from "./mention-units.js";
import { normalizeForMatching } from "./normalize.js";
import type { Change, Quantity } from "./quantities.js";
import { assessRelevance, type Relevance, stem } from "./relevance.js";
import { classifyRoles, type RoleScore } from "./roles.js";
import { saidFor } from "./said.js";
import { figureScope } from "./scope.js";
import { segment } from "./sentences.js";
import type { Topic } from "./topic.js";

export interface AnalyzedSentence extends SentenceFeatures {
  roles: RoleScore[];
  /** A specific, past, first-person step: "I re-slotted the 40 fastest SKUs next to packing". */
  concreteAction: boolean;
}

export interface MethodEvidence {
  id: string;
  name: string;
  sentences: number[];
  /** Used in a concrete step, not only named. */
  shown: boolean;
  /** The answer's own words for it, as written ("root cause", "pilot"), first named first. */
  said: string[];
}

export interface Evidence {
  sentences: AnalyzedSentence[];
  wordCount: number;
  speakingSeconds: number;
  empty: boolean;
  /** Too few English function words for the length: another language, or no sentences at all. */
  nonEnglish: boolean;
  /** Most of the answer is keywords or numbers rather than sentences. */
  salad: boolean;
  joke: boolean;
  relevance: Relevance;
  /** Which competency the question asks about and the answer tells; set by the grader (see topic.ts). */
  topic?: Topic;
  hypothetical: boolean;
  /**
   * Hypothetical only because the steps under its "Action" heading are habits or plans, in a story that
   * is otherwise told in the past: it may still tell what came of the habit.
   */
  habitualOnly: boolean;
  singularActions: number;
  pluralActions: number;
  /**
   * Plans and habits told with "I" and with "we" ("I would quarantine the batch", "then I'll pilot it"):
   * a hypothetical answer still tells whose steps they would be.
   */
  plannedSingular: number;
  plannedPlural: number;
  /** Every step of a plan or habit, whoever it is told by (advice without a subject included). */
  plannedSteps: number;
  methods: MethodEvidence[];
  quantities: Quantity[];
  changes: Change[];
  arithmetic: ArithmeticIssue[];
  scope: ScopeKind[];
  hedges: number;
  fillers: number;
}

export interface EvidenceInput {
  answer: string;
  question: string;
  keywords?: readonly string[];
}

const NON_ENGLISH_MIN_WORDS = 6;
const NON_ENGLISH_FUNCTION_RATIO = 0.1;
const SALAD_SHARE = 0.5;

function isConcreteAction(f: SentenceFeatures, roles: RoleScore[], actionHeading: boolean): boolean {
  // Under the answer's own "Task" heading, with its own "Action" heading to come, "I needed to relocate
  // one family" is what had to be done; the steps are told where the candidate put them.
  if (actionHeading && f.sentence.heading === "task" && roles[0]?.role === "task") return false;
  if (!f.strongVerb || f.hypothetical || f.salad || f.methodsOnly || f.actingSubjects.length === 0)
    return false;
  if (!roles.some((r) => r.role === "action")) return false;
  const h = f.hits;
  const detail =
    f.quantities.length +
    f.methods.length +
    h.metric_terms.length +
    h.context_nouns.length +
    h.analysis_cues.length +
    h.stakeholder_cues.length;
  return f.sentence.wordCount >= 5 && (detail > 0 || f.sentence.wordCount >= 10);
}

function methodEvidence(sentences: AnalyzedSentence[], lex: CompiledLexicon): MethodEvidence[] {
  const out: MethodEvidence[] = [];
  const named = new Set<string>();
  for (const s of sentences) if (!s.salad) for (const id of s.methods) named.add(id);
  for (const m of lex.methods) {
    if (!named.has(m.id)) continue;
    const where = sentences.filter((s) => !s.salad && s.methods.includes(m.id)).map((s) => s.sentence.index);
    const shown = where.some((i) => {
      const s = sentences[i];
      if (s?.concreteAction) return true;
      // A list of methods with generic verbs around them is a template, not a step, however near one.
      if (!s || s.weakVerbOnly || s.hypothetical || s.methodsOnly) return false;
      const near = sentences.slice(Math.max(0, i - 1), i + 3).filter((n) => n.concreteAction).length;
      return near >= 2;
    });
    out.push({
      id: m.id,
      name: m.name,
      sentences: where,
      shown,
      said: saidFor(sentences, where, lex, m.list),
    });
  }
  return out;
}

/** Operations vocabulary anywhere in the answer: metrics, places, problems, business terms, methods. */
function domainHits(sentences: readonly AnalyzedSentence[]): number {
  let n = 0;
  for (const s of sentences) {
    n +=
      s.hits.metric_terms.length +
      s.hits.context_nouns.length +
      s.hits.problem_cues.length +
      s.hits.business_effect_terms.length +
      s.methods.length;
  }
  return n;
}

/** Reads an answer into evidence: sentences and their STAR roles, numbers, changes, methods, ownership. */
export function extractEvidence(input: EvidenceInput, lexicon: Lexicon): Evidence {
  const lex = compileLexicon(lexicon);
  const norm = normalizeForMatching(input.answer);
  const segments = segment(input.answer);
  const actionHeading = segments.some((s) => s.heading === "action");
  const sentences: AnalyzedSentence[] = segments.map((s) => {
    const f = sentenceFeatures(s, segments.length, lex);
    const roles = classifyRoles(f);
    return { ...f, roles, concreteAction: isConcreteAction(f, roles, actionHeading) };
  });
  const wordCount = segments.reduce((n, s) => n + s.wordCount, 0);
  let functionWords = 0;
  let foreignWords = 0;
  const answerStems = new Set<string>();
  for (const s of sentences) {
    for (const w of s.tokens) {
      if (lex.foreignWords.has(w)) foreignWords++;
      if (lex.functionWords.has(w)) functionWords++;
      else if (w.length >= 4 && /^\p{L}/u.test(w)) answerStems.add(stem(w));
    }
  }
  const functionShare = wordCount ? functionWords / wordCount : 0;
  const saladWords = sentences.filter((s) => s.salad).reduce((n, s) => n + s.sentence.wordCount, 0);
  const buzzy = sentences.reduce((n, s) => n + s.buzzWords, 0) >= 3;
  const foreignShare = wordCount ? foreignWords / wordCount : 0;
  // Few English function words and no keyword pile-up, or more function words of another language.
  const nonEnglish =
    wordCount >= NON_ENGLISH_MIN_WORDS &&
    ((functionShare < NON_ENGLISH_FUNCTION_RATIO && !buzzy) ||
      (foreignShare >= NON_ENGLISH_FUNCTION_RATIO && foreignShare > functionShare));
  const salad =
    wordCount > 0 &&
    !nonEnglish &&
    (saladWords / wordCount >= SALAD_SHARE || (functionShare < NON_ENGLISH_FUNCTION_RATIO && buzzy));
  const real = sentences.filter((s) => !s.salad);
  const actions = real.filter((s) => s.roles.some((r) => r.role === "action") && s.actingSubjects.length > 0);
  const pastActions = actions.filter((s) => !s.hypothetical && s.strongVerb);
  const hypotheticalSentences = real.filter((s) => s.hypothetical).length;
  const hypothetical =
    hypotheticalSentences >= 1 &&
    (pastActions.length === 0 || hypotheticalSentences > pastActions.length * 1.5) &&
    // With no step told in the past, one plan or guess is enough ("maybe 20% more. I would probably…").
    (hypotheticalSentences >= Math.min(2, real.length) || pastActions.length === 0);
  // The steps the answer puts under its own "Action" heading, told as habits or plans: the story has no
  // one occasion to tell ("Action: I would remind the crew…", "Action: Sometimes I covered a shift…").
  const headed = real.filter((s) => s.sentence.heading === "action");
  const routine = headed.filter((s) => s.hypothetical || tellsRoutine(s.tokens)).length;
  const habitualAction = headed.length > 0 && routine * 2 > headed.length;
  // A plan or a habit ("I would…", "I usually check…"), not "I don't really have an example".
  const planned = real.filter(
    (s) =>
      s.hypothetical &&
      (s.hits.hypothetical_cues.length > 0 || s.strongVerb || s.weakVerbOnly || s.actionVerbs > 0),
  );
  const countSubject = (subject: "singular" | "plural") =>
    actions.filter((s) => !s.hypothetical && s.actingSubjects.includes(subject)).length;
  // Each sentence's own changes, and before/after values linked across sentences by metric or unit.
  const changes = answerChanges(real.filter((s) => !s.hypothetical));
  // A frequency that ends a change ("only twice a week", after "fifteen escalations a week") is a figure.
  const linkedEnds = new Set(changes.filter((c) => c.linked).map((c) => `${c.sentence}:${c.end}`));
  for (const s of real) {
    for (const f of s.frequencies) {
      if (linkedEnds.has(`${s.sentence.index}:${f.end}`)) s.quantities.push(f);
    }
  }
  // A change told across sentences belongs to the sentence with its after value.
  const at = new Map(real.map((s) => [s.sentence.index, s]));
  for (const c of changes) {
    if (!c.linked) continue;
    const s = at.get(c.sentence);
    if (!s) continue;
    s.changes.push(c);
    // Its after value makes a sentence that played no part a result: "By week 6 it ran at 38 a minute."
    if (s.roles.length === 0) s.roles = [{ role: "result", confidence: 0.5 }];
  }
  return {
    sentences,
    wordCount,
    speakingSeconds: Math.round((wordCount / lexicon.speaking.words_per_minute) * 60),
    empty: wordCount === 0,
    nonEnglish,
    salad,
    joke: sentences.some((s) => s.hits.joke_markers.length > 0),
    relevance: assessRelevance(
      norm,
      answerStems,
      input.question,
      input.keywords ?? [],
      domainHits(sentences),
      lex,
      new Set(real.flatMap((s) => s.hits.metric_terms.map(normalizeMetric))),
    ),
    hypothetical: hypothetical || habitualAction,
    habitualOnly: habitualAction && !hypothetical,
    singularActions: countSubject("singular"),
    pluralActions: countSubject("plural"),
    plannedSingular: planned.filter((s) => s.firstPersonSingular > 0).length,
    plannedPlural: planned.filter((s) => s.firstPersonPlural > 0).length,
    plannedSteps: planned.length,
    methods: methodEvidence(sentences, lex),
    quantities: real.flatMap((s) => s.quantities),
    changes,
    arithmetic: arithmeticIssues(
      changes,
      real.filter((s) => !s.hypothetical),
    ),
    scope: [...new Set(real.flatMap((s) => [...s.scope, ...figureScope(s.sentence.norm)]))],
    hedges: real.reduce((n, s) => n + s.hits.hedges.length, 0),
    fillers: real.reduce((n, s) => n + s.hits.fillers.length, 0),
  };
}
