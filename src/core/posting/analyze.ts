import { PhraseIndex } from "../evidence/phrases.js";
import type { Level } from "../level-names.js";
import type { Lexicon } from "../lexicon/schema.js";
import type { Competency } from "../questions/schema.js";
import { distinctWords, type RankedCompetency, rankCompetencies } from "./competencies.js";
import { PostingError } from "./errors.js";
import { readLevel } from "./level.js";
import type { PostingVocab } from "./schema.js";
import { namedTerms } from "./terms.js";

export interface PostingAnalysis {
  level: Level;
  levelReason: string;
  competencies: RankedCompetency[];
  methods: string[];
  metrics: string[];
}

/** The content a posting is read with; the shipped Content has all of it. */
export interface PostingContent {
  bank: { competencies: readonly Competency[] };
  lexicon: { methods: Lexicon["methods"] };
  posting: PostingVocab;
}

export const POSTING_LIMITS = {
  /** Longer than any real posting (they run 300 to 1,500 words); keeps a paste of a whole web page out. */
  maxChars: 20_000,
  /** Fewer words than a posting's responsibilities alone. */
  minWords: 40,
  /** Distinct competency words an operations posting uses at the least. */
  minCompetencyWords: 3,
} as const;

const PASTE = "Paste the posting's title, responsibilities and requirements.";
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'&-]*/gu;

const cues = new WeakMap<PostingVocab, PhraseIndex>();

function hasPostingCue(text: string, vocab: PostingVocab): boolean {
  let index = cues.get(vocab);
  if (!index) {
    index = new PhraseIndex([["cue", vocab.posting_cues]]);
    cues.set(vocab, index);
  }
  return index.scan(text).has("cue");
}

/** Refuses text that cannot be a posting, before any reading: the length first, so the rest stays cheap. */
function checkShape(text: string): void {
  if (text.length > POSTING_LIMITS.maxChars)
    throw new PostingError(
      "too-long",
      `This is too long for a job posting: ${text.length.toLocaleString("en-US")} characters, at most ${POSTING_LIMITS.maxChars.toLocaleString("en-US")}. Paste only the posting's title, responsibilities and requirements.`,
    );
  if (text.trim() === "")
    throw new PostingError("empty", `This does not look like a job posting: it is empty. ${PASTE}`);
  let words = 0;
  for (const _ of text.matchAll(WORD)) if (++words >= POSTING_LIMITS.minWords) return;
  throw new PostingError(
    "too-short",
    `This does not look like a job posting: it has ${words} word${words === 1 ? "" : "s"}, and a posting has at least ${POSTING_LIMITS.minWords}. ${PASTE}`,
  );
}

/**
 * What a pasted job posting asks for: the level it hires at (and why), the bank's competencies it stresses,
 * strongest first, and the methods and metrics it names. Text that is not a posting is a PostingError.
 */
export function analyzePosting(text: string, content: PostingContent): PostingAnalysis {
  checkShape(text);
  const vocab = content.posting;
  const competencies = rankCompetencies(text, content.bank.competencies, vocab);
  const level = readLevel(text, vocab);
  if (
    distinctWords(competencies) < POSTING_LIMITS.minCompetencyWords ||
    (level.title === null && !hasPostingCue(text, vocab))
  )
    throw new PostingError(
      "no-signals",
      `This does not look like a job posting: it names no role, duties or operations skills. ${PASTE}`,
    );
  const { methods, metrics } = namedTerms(text, content.lexicon.methods, vocab);
  return { level: level.level, levelReason: level.reason, competencies, methods, metrics };
}
