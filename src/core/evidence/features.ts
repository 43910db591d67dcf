import { BUZZ, type CompiledLexicon, CUE_LISTS, type CueList, type ScopeKind } from "./compiled-lexicon.js";
import type { Scan } from "./phrases.js";
import { type Change, findChanges, findQuantities, type Quantity } from "./quantities.js";
import type { Sentence } from "./sentences.js";

export type Subject = "singular" | "plural";
export type { CueList };

/** What one sentence contains, as counts and findings; roles and scores are decided from these. */
export interface SentenceFeatures {
  sentence: Sentence;
  /** 0 for the first sentence, 1 for the last. */
  position: number;
  tokens: string[];
  /** Subjects that do something in this sentence: "I mapped", "we rolled out". */
  actingSubjects: Subject[];
  strongVerb: boolean;
  weakVerbOnly: boolean;
  pastTense: boolean;
  hypothetical: boolean;
  firstPersonSingular: number;
  firstPersonPlural: number;
  /** Lexicon phrases found, lowercased, by list. */
  hits: Record<CueList, string[]>;
  methods: string[];
  quantities: Quantity[];
  changes: Change[];
  scope: ScopeKind[];
  functionRatio: number;
  /** Keywords or numbers rather than a sentence. */
  salad: boolean;
  /** How many words are keyword-like (methods, metrics, STAR words): for the answer-level salad check. */
  buzzWords: number;
}

/** Words that may sit between a subject and its verb: "I then mapped", "we quickly moved". */
const BETWEEN = new Set(
  "then also first quickly immediately personally myself ourselves jointly together next finally eventually initially later actually soon successfully carefully already both all and had have would will could".split(
    " ",
  ),
);
const PARTICIPLE_AFTER_ID =
  /^(?:been|already|never|just|\p{L}+ed|done|made|taken|built|run|led|set|put|cut|found|seen|got|gotten|known|spent|kept|held|brought|sent|thought|had|given|become|begun|chosen|written)$/u;
const SUBJECT_WINDOW = 4;
const NO_HITS: string[] = [];
const PERSONAL_CUE = /\b(?:i|i'd|i'll|my|you|one|what)\b/;

function isPast(word: string, lex: CompiledLexicon): boolean {
  return (word.length > 4 && word.endsWith("ed")) || lex.index.wordIn(word, "irregular_past");
}

function subjectOf(word: string, prev: string | undefined): Subject | null {
  if (word === "i") return "singular";
  if (word === "we") return "plural";
  if (
    (word === "team" || word === "group" || word === "crew") &&
    (prev === "the" || prev === "our" || prev === "my")
  )
    return "plural";
  return null;
}

interface Acting {
  acting: Subject[];
  strong: boolean;
  weak: boolean;
  /** "I check", "I review": a first-person verb in the present, telling a habit rather than an event. */
  habitual: boolean;
}

function findActing(words: readonly string[], lex: CompiledLexicon): Acting {
  const acting: Subject[] = [];
  let strong = false;
  let weak = false;
  let habitual = false;
  // Resume style, common in bullets: "Mapped the pick path", "Cut changeover 45 to 20 min" means "I ...".
  const first = words[0];
  if (
    first &&
    isPast(first, lex) &&
    (lex.index.wordIn(first, "action_verbs") || lex.index.wordIn(first, "result_verbs"))
  ) {
    acting.push("singular");
    strong = true;
  }
  for (let i = 0; i < words.length; i++) {
    const subject = subjectOf(words[i] as string, words[i - 1]);
    if (!subject) continue;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + SUBJECT_WINDOW); j++) {
      const w = words[j] as string;
      const action = lex.index.wordIn(w, "action_verbs");
      if (!action && lex.index.wordIn(w, "weak_action_verbs")) {
        weak = true;
        acting.push(subject);
        break;
      }
      if (action || (isPast(w, lex) && w !== "was" && w !== "were" && w !== "had")) {
        strong = true;
        acting.push(subject);
        if (subject === "singular" && !isPast(w, lex) && !w.endsWith("ing") && !w.endsWith("s"))
          habitual = true;
        break;
      }
      if (!BETWEEN.has(w)) break;
    }
  }
  return { acting, strong, weak: weak && !strong, habitual };
}

function isHypothetical(norm: string, scan: Scan, words: readonly string[], pastAction: boolean): boolean {
  for (const hit of scan.hits("hypothetical_cues")) {
    const cue = hit.text.toLowerCase().replace(/\u2019/g, "'");
    if (cue === "i'd") {
      const next = norm.slice(hit.end).trim().split(/\s+/)[0]?.toLowerCase() ?? "";
      if (PARTICIPLE_AFTER_ID.test(next)) continue;
      return true;
    }
    if (PERSONAL_CUE.test(cue)) return true;
    // A bare "usually" or "typically" describes a habit only when nothing was done in the past tense.
    if (!pastAction && words.includes("i")) return true;
  }
  return false;
}

function wordsIn(hits: readonly { text: string }[]): number {
  let n = 0;
  for (const h of hits) n += h.text.split(/\s+/).length;
  return n;
}

function isSalad(
  words: readonly string[],
  functionRatio: number,
  scan: Scan,
  methods: number,
  hasVerb: boolean,
): boolean {
  if (words.length < 4) return false;
  let numeric = 0;
  for (const w of words) if (/^[$€£]?\d/.test(w) || w === "%") numeric++;
  const numericShare = numeric / words.length;
  const buzz = wordsIn(scan.hits(BUZZ)) / words.length;
  if (scan.count("star_words") >= 2 && functionRatio < 0.15) return true;
  if (numericShare >= 0.45 && !hasVerb) return true;
  if (methods >= 3 && functionRatio < 0.12) return true;
  return buzz >= 0.6 && functionRatio < 0.1 && words.length >= 5;
}

export function sentenceFeatures(sentence: Sentence, total: number, lex: CompiledLexicon): SentenceFeatures {
  const norm = sentence.norm;
  const scan = lex.index.scan(norm);
  const words = scan.tokens.map((t) => t.word.replace(/'s$/, ""));
  const hits = {} as Record<CueList, string[]>;
  for (const k of CUE_LISTS) {
    const found = scan.hits(k);
    hits[k] = found.length === 0 ? NO_HITS : found.map((h) => h.text.toLowerCase());
  }
  const { acting, strong, weak, habitual } = findActing(words, lex);
  const pastTense = words.some((w) => isPast(w, lex));
  const methods = lex.methods.filter((m) => scan.has(m.list)).map((m) => m.id);
  let functionWords = 0;
  for (const w of words) if (lex.functionWords.has(w)) functionWords++;
  const functionRatio = words.length ? functionWords / words.length : 0;
  const hasVerb = strong || weak || pastTense || hits.result_verbs.length > 0;
  return {
    sentence,
    position: total <= 1 ? 0 : sentence.index / (total - 1),
    tokens: words,
    actingSubjects: acting,
    strongVerb: strong,
    weakVerbOnly: weak,
    pastTense,
    hypothetical: (habitual && !pastTense) || isHypothetical(norm, scan, words, strong && pastTense),
    firstPersonSingular: scan.count("pronoun:singular"),
    firstPersonPlural: scan.count("pronoun:plural"),
    hits,
    methods,
    quantities: findQuantities(sentence, scan),
    changes: findChanges(sentence, scan),
    scope: lex.scopeLists.filter((s) => scan.has(s.list)).map((s) => s.kind),
    functionRatio,
    salad: isSalad(words, functionRatio, scan, methods.length, hasVerb),
    buzzWords: wordsIn(scan.hits(BUZZ)),
  };
}
