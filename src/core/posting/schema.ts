import { z } from "zod";
import type { ContentProblem } from "../content/errors.js";
import { LEVELS } from "../level-names.js";
import { MethodSchema } from "../lexicon/schema.js";

/** The lexicon's phrase syntax: lowercase words, a trailing * on a word matches any ending. */
const Phrase = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(60, "must be at most 60 characters")
  .refine((p) => p === p.toLowerCase(), "must be lowercase")
  .refine((p) => !/\*\S/.test(p), "a * may only end a word");
const PhraseList = z.array(Phrase).min(1, "must list at least one phrase");

/** What a posting's scope has to show before it reads as a level: phrases, or a size over a floor. */
const ScopeSchema = z.strictObject({
  phrases: PhraseList,
  money_at_least: z.number().positive(),
  people_at_least: z.number().int().positive(),
  sites_at_least: z.number().int().min(2),
});

export const PostingVocabSchema = z.strictObject({
  version: z.number().int().positive(),
  /** Job titles by the level they name; the title line's most senior title decides. */
  titles: z.strictObject(
    Object.fromEntries(LEVELS.map((l) => [l, PhraseList])) as Record<
      (typeof LEVELS)[number],
      typeof PhraseList
    >,
  ),
  title_modifiers: z.strictObject({ raise: PhraseList, lower: PhraseList }),
  /** Labels a title line may start with ("Job title: ..."). */
  title_labels: PhraseList,
  /** Words that introduce a title in a sentence ("We are hiring a Production Supervisor"). */
  title_cues: PhraseList,
  scope: z.strictObject({ mid: ScopeSchema, senior: ScopeSchema, executive: ScopeSchema }),
  /** Words only a job posting uses: its sections and how it addresses the reader. */
  posting_cues: PhraseList,
  /** Words postings use for a competency that its question file's keywords lack, by competency id. */
  competency_words: z.record(z.string(), z.array(z.string().trim().min(1).max(40)).min(1)),
  /** Phrases that hold a competency word without being about it ("reports to" is not reporting). */
  neutral_phrases: z.array(z.string().trim().min(1).max(40)),
  /** Lexicon methods too loose for a posting ("pilot" is not a method a posting asks for). */
  ignore_methods: z.array(z.string()),
  /** Single lexicon patterns that name something else in a posting ("supermarket" is a customer). */
  ignore_method_patterns: z.array(z.string()),
  metrics: z.array(MethodSchema).min(1),
});
export type PostingVocab = z.infer<typeof PostingVocabSchema>;

/** The cross-file rules: competency ids the question bank has, method ids the lexicon has. */
export function postingProblems(
  file: string,
  vocab: PostingVocab,
  competencies: readonly string[],
  methods: ReadonlyArray<{ id: string; patterns: readonly string[] }>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const id of Object.keys(vocab.competency_words))
    if (!competencies.includes(id))
      problems.push({
        file,
        path: `competency_words.${id}`,
        message: `no question file has competency ${id}`,
      });
  vocab.ignore_methods.forEach((id, i) => {
    if (!methods.some((m) => m.id === id))
      problems.push({ file, path: `ignore_methods[${i}]`, message: `the lexicon has no method ${id}` });
  });
  vocab.ignore_method_patterns.forEach((p, i) => {
    if (!methods.some((m) => m.patterns.includes(p)))
      problems.push({
        file,
        path: `ignore_method_patterns[${i}]`,
        message: `no lexicon method has the pattern ${p}`,
      });
  });
  const seen = new Set<string>();
  vocab.metrics.forEach((m, i) => {
    if (seen.has(m.id))
      problems.push({ file, path: `metrics[${i}].id`, message: `duplicate metric id ${m.id}` });
    seen.add(m.id);
  });
  return problems;
}
