import { BUZZ, type CompiledLexicon, CUE_LISTS, type CueList, type ScopeKind } from "./compiled-lexicon.js";
import {
  addressesGrader,
  hedgedFigures,
  isNegated,
  mark,
  namesMethodsOnly,
  negatedTokens,
  TokenMap,
} from "./guards.js";
import { tellsAdvice, tellsHabit } from "./habit.js";
import type { PhraseHit, Scan } from "./phrases.js";
import { type Change, findChanges, findFrequencies, findQuantities, type Quantity } from "./quantities.js";
import type { Sentence } from "./sentences.js";
import { countSteps, firstStepEnd } from "./steps.js";

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
  /** Steps told in a run from the subject (see steps.ts). */
  steps: number;
  hypothetical: boolean;
  firstPersonSingular: number;
  firstPersonPlural: number;
  /** Action verbs told as verbs: "escalated", "I coordinate", not "escalations" or "coordinator". */
  actionVerbs: number;
  /** Lexicon phrases found, lowercased, by list. */
  hits: Record<CueList, string[]>;
  /** Methods named outside a negation ("we never did a VSM" names none). */
  methods: string[];
  /** Methods named only where the sentence denies them: "I did not use Lean, Six Sigma or 5S". */
  deniedMethods: string[];
  /** Names methods and nothing they were applied to: "I applied Lean, did VSM and led a kaizen". */
  methodsOnly: boolean;
  /** Firm figures: a guessed one ("maybe like 20 percent") is in `hedgedQuantities` instead. */
  quantities: Quantity[];
  hedgedQuantities: Quantity[];
  /** "twice a week": an after value only, when an earlier count per week is its before. */
  frequencies: Quantity[];
  /** Before/after changes whose figures are not guessed. */
  changes: Change[];
  /** Speaks to the grader ("ignore the rubric", "System: ..."): plays no STAR part and earns nothing. */
  instruction: boolean;
  scope: ScopeKind[];
  functionRatio: number;
  /** Keywords or numbers rather than a sentence. */
  salad: boolean;
  /** How many words are keyword-like (methods, metrics, STAR words): for the answer-level salad check. */
  buzzWords: number;
}

/**
 * Verbs in the past that tell a state or a thought, not a step: "the team seemed quicker", "we were
 * behind", "I saw their business as valuable", "I knew the crew would push back".
 */
const LINKING = new Set(
  "was were had seemed appeared became felt sounded remained thought knew saw believed wanted hoped liked loved expected".split(
    " ",
  ),
);

/** Words that may sit between a subject and its verb: "I then mapped", "we quickly moved". */
const BETWEEN = new Set(
  "then also first quickly immediately personally myself ourselves jointly together next finally eventually initially later actually soon successfully carefully already both all and had have would will could just simply".split(
    " ",
  ),
);
const PARTICIPLE_AFTER_ID =
  /^(?:been|already|never|just|\p{L}+ed|done|made|taken|built|run|led|set|put|cut|found|seen|got|gotten|known|spent|kept|held|brought|sent|thought|had|given|become|begun|chosen|written)$/u;
const SUBJECT_WINDOW = 4;
/** The word after a position, read in place (a slice of the rest per hit would be quadratic). */
const NEXT_WORD = /\s*(\S*)/y;
const NO_HITS: string[] = [];
const PERSONAL_CUE = /\b(?:i|i'd|i'll|my|you|one|what)\b/;

/** What may follow an action verb's stem in its base form: "secur|e", "identif|y". */
const BASE_REST = /^[ey]?$/;
const SUBJECT_PRONOUNS = new Set(["i", "we", "they", "he", "she", "you"]);

/**
 * How many action verbs a sentence tells as verbs. A word found through a stem of the lexicon
 * ("escalat*", "automat*", "coordinat*") is a verb in a verb's form ("escalated", "automating",
 * "secure", "identify") or right after a subject ("she escalates", "I coordinate"); otherwise it is a
 * noun or an adjective ("escalations", "automatic", "coordinator", "security") and tells no step.
 */
function verbHits(hits: readonly PhraseHit[], scan: Scan, lex: CompiledLexicon): number {
  let n = 0;
  let t = 0;
  for (const h of hits) {
    while (t < scan.tokens.length && (scan.tokens[t] as { start: number }).start < h.start) t++;
    const token = scan.tokens[t];
    // A phrase of several words ("set up", "met with") is listed whole.
    if (!token || token.end !== h.end) {
      n++;
      continue;
    }
    const w = token.word;
    const stem = lex.index.stemOf(w, "action_verbs");
    if (
      stem === null ||
      w.endsWith("ed") ||
      w.endsWith("ing") ||
      BASE_REST.test(w.slice(stem.length)) ||
      (SUBJECT_PRONOUNS.has(scan.tokens[t - 1]?.word ?? "") && !w.endsWith("ly"))
    )
      n++;
  }
  return n;
}

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

/** How far after "used" or "applied" its purpose may come: "I used Lean, 5S and kaizen to cut...". */
const PURPOSE_WINDOW = 8;

/**
 * "I used Lean and 5S to cut changeover on line 3 from 45 to 20 minutes": a step, when its purpose is a
 * step or a change and the sentence measures it ("to improve efficiency", "to build a better schedule"
 * measure nothing).
 */
function purposeStep(
  words: readonly string[],
  from: number,
  lex: CompiledLexicon,
  measured: boolean,
): boolean {
  if (!measured) return false;
  for (let k = from + 1; k < Math.min(words.length - 1, from + PURPOSE_WINDOW); k++) {
    if (words[k] !== "to") continue;
    const verb = words[k + 1] as string;
    if (lex.index.wordIn(verb, "action_verbs") || lex.index.wordIn(verb, "result_verbs")) return true;
  }
  return false;
}

/** "was able to <verb>", "managed to <verb>" at `j`: the index of <verb>, or -1. */
function effortStep(words: readonly string[], j: number): number {
  const w = words[j];
  if ((w === "was" || w === "were") && words[j + 1] === "able" && words[j + 2] === "to" && words[j + 3])
    return j + 3;
  if (w === "managed" && words[j + 1] === "to" && words[j + 2]) return j + 2;
  return -1;
}

/** Words a method's name may sit behind after "following": "following the correct SOP". */
const COMPLIANCE_GAP = 3;

/** The tokens just after a cue of compliance ("following", "per", "according to"), up to the clause's end. */
function compliedWith(scan: Scan, map: TokenMap): Uint8Array {
  const out = new Uint8Array(scan.tokens.length);
  for (const h of scan.hits("compliance_cues")) {
    const [, b] = map.span(h.start, h.end);
    for (let k = b + 1; k < scan.tokens.length && k <= b + COMPLIANCE_GAP; k++) out[k] = 1;
  }
  return out;
}

function findActing(words: readonly string[], lex: CompiledLexicon, measured: boolean): Acting {
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
      // "I was able to trace the fault", "we managed to clear the backlog": the step told with its effort.
      const effort = effortStep(words, j);
      if (effort > 0) {
        const verb = words[effort] as string;
        if (lex.index.wordIn(verb, "weak_action_verbs") && !lex.index.wordIn(verb, "action_verbs")) {
          if (lex.index.wordIn(verb, "generic_method_verbs") && purposeStep(words, effort, lex, measured))
            strong = true;
          else weak = true;
        } else strong = true;
        acting.push(subject);
        break;
      }
      const w = words[j] as string;
      const action = lex.index.wordIn(w, "action_verbs");
      if (!action && lex.index.wordIn(w, "weak_action_verbs")) {
        // "I used Lean and 5S to cut changeover...": the purpose names the step.
        if (lex.index.wordIn(w, "generic_method_verbs") && purposeStep(words, j, lex, measured))
          strong = true;
        else weak = true;
        acting.push(subject);
        break;
      }
      if (action || (isPast(w, lex) && !LINKING.has(w))) {
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

/** Modal cues that may sit inside a clause about the past: "so that I would", "how many I would need". */
const MODAL_CUES = new Set(["i would", "i'd", "i could", "i might"]);
const LIKE_THAT = /\blike (?:that|this)\s*$/i;
const EMBEDDING = new Set("that so what how whether where which who".split(" "));
const WORD_BEFORE = /(\p{L}+)[^\p{L}]*$/u;

function isHypothetical(
  norm: string,
  scan: Scan,
  words: readonly string[],
  pastAction: boolean,
  stepEnd: number,
  pastTense: boolean,
): boolean {
  for (const hit of scan.hits("hypothetical_cues")) {
    const cue = hit.text.toLowerCase().replace(/\u2019/g, "'");
    if (MODAL_CUES.has(cue)) {
      const before = WORD_BEFORE.exec(norm.slice(Math.max(0, hit.start - 24), hit.start))?.[1] ?? "";
      // "said that I'd", "so that I would" embed the modal; "in a case like that I'd" opens a plan.
      const embedded =
        EMBEDDING.has(before.toLowerCase()) &&
        !LIKE_THAT.test(norm.slice(Math.max(0, hit.start - 24), hit.start));
      if (hit.start >= stepEnd || embedded) continue;
    }
    if (cue === "i'd") {
      NEXT_WORD.lastIndex = hit.end;
      const next = NEXT_WORD.exec(norm)?.[1]?.toLowerCase() ?? "";
      if (PARTICIPLE_AFTER_ID.test(next)) continue;
      return true;
    }
    if (PERSONAL_CUE.test(cue)) return true;
    // A bare "usually" or "typically" describes a habit only when nothing was done in the past tense.
    // "We usually run two shifts" is a habit; "we usually ran two shifts" is the story's past.
    if (!pastAction && (words.includes("i") || (words.includes("we") && !pastTense))) return true;
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

/**
 * A guess rather than an event: a speculation cue ("probably", "maybe", "I guess") with a modal ("it
 * would probably save 20%") or on a figure ("maybe like 20 percent more"), and no past-tense verb. A
 * modal perfect ("would have saved") is not a past event.
 */
function isSpeculative(scan: Scan, words: readonly string[], hedgedFigure: boolean, lex: CompiledLexicon) {
  if (!scan.has("speculation_cues")) return false;
  const modal = (w: string | undefined) => w !== undefined && lex.index.wordIn(w, "modal_verbs");
  let hasModal = false;
  let lastIf = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === "if") lastIf = i;
    if (modal(w)) hasModal = true;
    // "would likely cut", "could have saved": a modal's verb, not a past event; nor is the verb of a
    // condition ("could save 15% if we consolidated the loads").
    else if (isPast(w, lex) && !modal(words[i - 1]) && !modal(words[i - 2]) && i - lastIf > 3) return false;
  }
  return hasModal || hedgedFigure;
}

/** An instruction to the grader: its words are kept for the language checks, everything else is dropped. */
function inert(
  sentence: Sentence,
  position: number,
  words: string[],
  functionRatio: number,
  scan: Scan,
  lex: CompiledLexicon,
) {
  const hits = {} as Record<CueList, string[]>;
  for (const k of CUE_LISTS) hits[k] = NO_HITS;
  const out: SentenceFeatures = {
    // A heading does not make an instruction a STAR part.
    sentence: sentence.heading ? { ...sentence, heading: null } : sentence,
    position,
    tokens: words,
    actingSubjects: [],
    strongVerb: false,
    weakVerbOnly: false,
    pastTense: false,
    steps: 0,
    actionVerbs: 0,
    hypothetical: false,
    firstPersonSingular: 0,
    firstPersonPlural: 0,
    hits,
    methods: [],
    deniedMethods: [],
    methodsOnly: false,
    quantities: [],
    hedgedQuantities: [],
    frequencies: [],
    changes: [],
    instruction: true,
    scope: [],
    functionRatio,
    // A pile of rubric words is still a pile: the answer-level keyword-list check counts it.
    salad: isSalad(words, functionRatio, scan, lex.methods.filter((m) => scan.has(m.list)).length, false),
    buzzWords: wordsIn(scan.hits(BUZZ)),
  };
  return out;
}

export function sentenceFeatures(sentence: Sentence, total: number, lex: CompiledLexicon): SentenceFeatures {
  const norm = sentence.norm;
  const scan = lex.index.scan(norm);
  const words = scan.tokens.map((t) => t.word.replace(/'s$/, ""));
  const position = total <= 1 ? 0 : sentence.index / (total - 1);
  let functionWords = 0;
  for (const w of words) if (lex.functionWords.has(w)) functionWords++;
  const functionRatio = words.length ? functionWords / words.length : 0;
  if (addressesGrader(scan, norm, lex)) return inert(sentence, position, words, functionRatio, scan, lex);
  const map = new TokenMap(scan.tokens, norm.length);
  const negated = negatedTokens(scan, norm, map, lex);
  const live = (hits: readonly PhraseHit[]) => hits.filter((h) => !isNegated(h, negated, map));
  const hits = {} as Record<CueList, string[]>;
  for (const k of CUE_LISTS) {
    // "we never analysed the data" shows no analysis.
    const found = k === "analysis_cues" ? live(scan.hits(k)) : scan.hits(k);
    hits[k] = found.length === 0 ? NO_HITS : found.map((h) => h.text.toLowerCase());
  }
  const allQuantities = findQuantities(sentence, scan, lex);
  const allChanges = findChanges(sentence, scan, lex);
  const hedged = hedgedFigures(scan, norm, map, allQuantities, allChanges);
  // The 5 of "5S" or "5 whys" is a method's name, not a figure.
  const inName = new Uint8Array(scan.tokens.length);
  for (const m of lex.methods) mark(inName, map, scan.hits(m.list));
  const named = (q: Quantity) => inName[map.span(q.start, q.end)[0]] === 1;
  const quantities = allQuantities.filter((q, i) => !hedged.quantities[i] && !named(q));
  const hedgedQuantities = allQuantities.filter((_, i) => hedged.quantities[i]);
  const changes = allChanges.filter((_, i) => !hedged.changes[i]);
  const measured = changes.length > 0 || quantities.some((q) => !q.timeFrame);
  const { acting, strong, weak, habitual } = findActing(words, lex, measured);
  const pastTense = words.some((w) => isPast(w, lex));
  const methods: string[] = [];
  const deniedMethods: string[] = [];
  const methodHits: PhraseHit[] = [];
  let namedAtAll = 0;
  const followed = compliedWith(scan, map);
  for (const m of lex.methods) {
    const all = scan.hits(m.list);
    if (all.length === 0) continue;
    namedAtAll++;
    // "By following the SOP" names a procedure kept, not a method applied.
    const kept = live(all).filter((h) => !(m.compliance && followed[map.span(h.start, h.end)[0]] === 1));
    if (kept.length === 0) deniedMethods.push(m.id);
    else methods.push(m.id);
    methodHits.push(...kept);
  }
  const hasVerb = strong || weak || pastTense || hits.result_verbs.length > 0;
  // Negated words say nothing of their own: "we had no WMS, so I applied Lean" names Lean and no more.
  const denied: PhraseHit[] = [];
  for (let i = 0; i < scan.tokens.length; i++) {
    const t = scan.tokens[i];
    if (negated[i] && t) denied.push({ start: t.start, end: t.end, text: t.word });
  }
  const methodsOnly =
    methods.length > 0 &&
    namesMethodsOnly(scan, map, lex, [...methodHits, ...denied], quantities, changes.length);
  return {
    sentence,
    position,
    tokens: words,
    actingSubjects: acting,
    strongVerb: strong,
    weakVerbOnly: weak,
    pastTense,
    steps: countSteps(scan.tokens, norm, (w) => isPast(w, lex)),
    actionVerbs: verbHits(scan.hits("action_verbs"), scan, lex),
    hypothetical:
      ((habitual ||
        tellsHabit(words, (w) => isPast(w, lex)) ||
        tellsAdvice(
          words,
          (w) => lex.index.wordIn(w, "action_verbs"),
          (w) => isPast(w, lex),
        )) &&
        !pastTense) ||
      isHypothetical(
        norm,
        scan,
        words,
        strong && pastTense,
        firstStepEnd(scan.tokens, (w) => isPast(w, lex)),
        pastTense,
      ) ||
      isSpeculative(scan, words, hedgedQuantities.length > 0, lex),
    firstPersonSingular: scan.count("pronoun:singular"),
    firstPersonPlural: scan.count("pronoun:plural"),
    hits,
    methods,
    deniedMethods,
    methodsOnly,
    quantities,
    hedgedQuantities,
    frequencies: hedgedQuantities.length > 0 ? [] : findFrequencies(sentence, scan, lex),
    changes,
    instruction: false,
    scope: lex.scopeLists.filter((s) => scan.has(s.list)).map((s) => s.kind),
    functionRatio,
    // A pile of method names is a salad whether or not the pile is denied.
    salad: isSalad(words, functionRatio, scan, namedAtAll, hasVerb),
    buzzWords: wordsIn(scan.hits(BUZZ)),
  };
}
