import type { Lexicon } from "../lexicon/schema.js";
import { SCOPE_KINDS, UNIT_KINDS } from "../lexicon/schema.js";
import { PhraseIndex } from "./phrases.js";

export type UnitKind = (typeof UNIT_KINDS)[number];
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The cue lists a sentence is scanned for, by their lexicon names. */
export const CUE_LISTS = [
  "situation_cues",
  "context_nouns",
  "time_cues",
  "problem_cues",
  "task_cues",
  "action_verbs",
  "weak_action_verbs",
  "result_cues",
  "result_verbs",
  "metric_terms",
  "business_effect_terms",
  "analysis_cues",
  "finding_cues",
  "sequence_cues",
  "reasoning_cues",
  "stakeholder_cues",
  "decision_cues",
  "team_credit_cues",
  "sustain_cues",
  "lesson_cues",
  "vague_result_phrases",
  "outcome_cues",
  "closing_cues",
  "stock_phrases",
  "hedges",
  "fillers",
  "hypothetical_cues",
  "star_words",
  "joke_markers",
  "irregular_past",
] as const;
export type CueList = (typeof CUE_LISTS)[number];

/**
 * Lists that take credit away rather than give it: guesses, denials, bare method lists, notes to the
 * grader. Scanned with the rest, read through `Scan.hits`, but kept out of a sentence's `hits`.
 */
export const GUARD_LISTS = [
  "speculation_cues",
  "modal_verbs",
  "number_hedges",
  "negation_cues",
  "negation_exceptions",
  "negation_breaks",
  "generic_method_verbs",
  "method_filler_words",
  "compliance_cues",
  "grader_instructions",
  "grader_terms",
  "speaker_tags",
] as const;
export type GuardList = (typeof GUARD_LISTS)[number];

export const unitList = (kind: UnitKind) => `unit:${kind}`;
export const scopeList = (kind: ScopeKind) => `scope:${kind}`;
export const methodList = (id: string) => `method:${id}`;
export const BUZZ = "buzz";

/** The lexicon with every list compiled once into one index, ready for the extractor. */
export interface CompiledLexicon {
  source: Lexicon;
  index: PhraseIndex;
  /** Each method with the name of its list in the index, computed once. */
  methods: Array<{ id: string; name: string; list: string; compliance: boolean }>;
  scopeLists: Array<{ kind: ScopeKind; list: string }>;
  functionWords: Set<string>;
  foreignWords: Set<string>;
}

const cache = new WeakMap<Lexicon, CompiledLexicon>();

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const hit = cache.get(lexicon);
  if (hit) return hit;
  const lists: Array<readonly [string, readonly string[]]> = [
    ...CUE_LISTS.map((k) => [k, lexicon[k]] as const),
    ...GUARD_LISTS.map((k) => [k, lexicon[k]] as const),
    ["pronoun:singular", lexicon.pronouns.singular],
    ["pronoun:plural", lexicon.pronouns.plural],
    ...UNIT_KINDS.map((k) => [unitList(k), lexicon.units[k]] as const),
    ...SCOPE_KINDS.map((k) => [scopeList(k), lexicon.scope_cues[k]] as const),
    ...lexicon.methods.map((m) => [methodList(m.id), m.patterns] as const),
    // Keyword-like terms: a sentence made mostly of these is a salad, not a story.
    [
      BUZZ,
      [
        ...lexicon.star_words,
        ...lexicon.methods.flatMap((m) => m.patterns),
        ...lexicon.metric_terms,
        ...lexicon.result_verbs,
        ...lexicon.units.percent,
      ],
    ],
  ];
  const compiled: CompiledLexicon = {
    source: lexicon,
    index: new PhraseIndex(lists),
    methods: lexicon.methods.map((m) => ({
      id: m.id,
      name: m.name,
      list: methodList(m.id),
      compliance: m.compliance === true,
    })),
    scopeLists: SCOPE_KINDS.map((kind) => ({ kind, list: scopeList(kind) })),
    functionWords: new Set(lexicon.english_function_words),
    foreignWords: new Set(lexicon.other_language_function_words),
  };
  cache.set(lexicon, compiled);
  return compiled;
}
