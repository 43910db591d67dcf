import { z } from "zod";

const Phrase = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(60, "must be at most 60 characters")
  .refine((p) => p === p.toLowerCase(), "must be lowercase")
  .refine((p) => !/\*\S/.test(p), "a * may only end a word")
  .refine((p) => !/^\*/.test(p), "a * on its own (any one word) may not start a phrase");

const PhraseList = z.array(Phrase).min(1, "must list at least one phrase");

export const MethodSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, "must be lowercase letters, digits and _"),
  name: z.string().trim().min(1).max(60),
  patterns: PhraseList,
  /**
   * Following it is doing the job, not improving it: "by following the SOP" or "per the work
   * instructions" names no method, while writing or revising one does.
   */
  compliance: z.boolean().optional(),
});
export type Method = z.infer<typeof MethodSchema>;

export const UNIT_KINDS = ["percent", "money", "duration", "count", "rate", "ratio", "scale"] as const;
export const SCOPE_KINDS = [
  "multi_site",
  "budget",
  "capital",
  "risk",
  "strategy",
  "people",
  "governance",
] as const;

export const LexiconSchema = z
  .strictObject({
    version: z.number().int().positive(),
    situation_cues: PhraseList,
    context_nouns: PhraseList,
    time_cues: PhraseList,
    problem_cues: PhraseList,
    task_cues: PhraseList,
    action_verbs: PhraseList,
    weak_action_verbs: PhraseList,
    result_cues: PhraseList,
    result_verbs: PhraseList,
    metric_terms: PhraseList,
    business_effect_terms: PhraseList,
    analysis_cues: PhraseList,
    finding_cues: PhraseList,
    sequence_cues: PhraseList,
    reasoning_cues: PhraseList,
    stakeholder_cues: PhraseList,
    decision_cues: PhraseList,
    team_credit_cues: PhraseList,
    sustain_cues: PhraseList,
    lesson_cues: PhraseList,
    vague_result_phrases: PhraseList,
    outcome_cues: PhraseList,
    closing_cues: PhraseList,
    stock_phrases: PhraseList,
    hedges: PhraseList,
    fillers: PhraseList,
    /** Fillers counted in a voice answer's delivery; the grader does not read this list. */
    spoken_fillers: PhraseList,
    hypothetical_cues: PhraseList,
    // No credit for what is not there: guesses, denials, method lists and notes to the grader.
    speculation_cues: PhraseList,
    modal_verbs: PhraseList,
    number_hedges: PhraseList,
    negation_cues: PhraseList,
    negation_exceptions: PhraseList,
    negation_breaks: PhraseList,
    generic_method_verbs: PhraseList,
    method_filler_words: PhraseList,
    compliance_cues: PhraseList,
    grader_instructions: PhraseList,
    grader_terms: PhraseList,
    speaker_tags: PhraseList,
    irregular_past: PhraseList,
    pronouns: z.strictObject({ singular: PhraseList, plural: PhraseList, team: PhraseList }),
    english_function_words: PhraseList,
    other_language_function_words: PhraseList,
    star_words: PhraseList,
    joke_markers: PhraseList,
    units: z.strictObject(
      Object.fromEntries(UNIT_KINDS.map((k) => [k, PhraseList])) as Record<
        (typeof UNIT_KINDS)[number],
        typeof PhraseList
      >,
    ),
    scope_cues: z.strictObject(
      Object.fromEntries(SCOPE_KINDS.map((k) => [k, PhraseList])) as Record<
        (typeof SCOPE_KINDS)[number],
        typeof PhraseList
      >,
    ),
    methods: z.array(MethodSchema).min(1),
    speaking: z.strictObject({
      words_per_minute: z.number().int().min(60).max(300),
      comfortable_seconds: z.strictObject({
        min: z.number().int().positive(),
        max: z.number().int().positive(),
      }),
    }),
  })
  .superRefine((lex, ctx) => {
    const seen = new Set<string>();
    lex.methods.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: "custom", path: ["methods", i, "id"], message: `duplicate method id ${m.id}` });
      seen.add(m.id);
    });
  });
export type Lexicon = z.infer<typeof LexiconSchema>;
