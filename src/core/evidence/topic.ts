import type { Evidence } from "./extract.js";
import { stem } from "./relevance.js";

/** A competency's vocabulary, from its question file's `keywords`. */
export interface CompetencyVocab {
  id: string;
  name: string;
  keywords: readonly string[];
}

export interface Topic {
  /** The competency the question asks about: the bank's, or read from a free-text question's words. */
  asked: string | null;
  /** Every competency the question's words point to equally ("inventory carrying cost": two). */
  askedAll: string[];
  /** The competency the answer's vocabulary points to most, when it points anywhere. */
  told: string | null;
  /** Keywords of the asked competencies found in the answer. */
  askedHits: number;
  /** A story about another competency than the one asked for. */
  otherCompetency: boolean;
}

/** Longest keyword, in words: n-grams up to this length are indexed. */
const MAX_GRAM = 4;
/** Keywords of another competency an answer needs before it is called a story about that competency. */
const OTHER_MIN_HITS = 2;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}&/]*/gu;

function stems(text: string): string[] {
  return (text.toLowerCase().replace(/[-']/g, " ").match(WORD) ?? []).map(stem);
}

/** Every run of 1 to MAX_GRAM stemmed words of a text, in one pass: linear in its length. */
function grams(text: string): Set<string> {
  const words = stems(text);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let g = "";
    for (let n = 0; n < MAX_GRAM && i + n < words.length; n++) {
      g = n === 0 ? (words[i] as string) : `${g} ${words[i + n]}`;
      out.add(g);
    }
  }
  return out;
}

const compiled = new WeakMap<readonly CompetencyVocab[], Array<{ id: string; keys: string[] }>>();

function compile(vocab: readonly CompetencyVocab[]) {
  let c = compiled.get(vocab);
  if (!c) {
    c = vocab.map((v) => ({
      id: v.id,
      keys: [...new Set(v.keywords.map((k) => stems(k).join(" ")).filter((k) => k.length > 0))],
    }));
    compiled.set(vocab, c);
  }
  return c;
}

function hitsBy(text: string, vocab: readonly CompetencyVocab[]): Map<string, number> {
  const have = grams(text);
  return new Map(compile(vocab).map((c) => [c.id, c.keys.filter((k) => have.has(k)).length]));
}

/** The competencies with the most hits, when they have at least `min`. */
function leaders(hits: Map<string, number>, min: number): string[] {
  let top = 0;
  for (const n of hits.values()) top = Math.max(top, n);
  return top >= min ? [...hits].filter(([, n]) => n === top).map(([id]) => id) : [];
}

/** The competency with the most hits, if it has at least `min` and strictly more than any other. */
function leader(hits: Map<string, number>, min: number): string | null {
  let best: string | null = null;
  let top = 0;
  let tie = false;
  for (const [id, n] of hits) {
    if (n > top) {
      best = id;
      top = n;
      tie = false;
    } else if (n === top) tie = true;
  }
  return best && top >= min && !tie ? best : null;
}

/**
 * Words that place a story at work (a job, an employer, colleagues, customers), whatever the industry:
 * a story from the Navy or a hospital answers a generic question; a marathon or a holiday does not.
 */
const WORKPLACE = new Set(
  "job role position company employer firm business organisation organization department team manager supervisor boss colleague colleagues coworker coworkers co-worker staff employee employees personnel client clients customer customers project projects shift plant site office store warehouse hospital clinic unit navy army military deployment crew contract vendor supplier suppliers stakeholder stakeholders executive director leadership intern internship".split(
    " ",
  ),
);

function fromWork(ev: Evidence, domainHits: number): boolean {
  if (domainHits >= 1) return true;
  return ev.sentences.some(
    (s) => s.hits.stakeholder_cues.length > 0 || s.tokens.some((t) => WORKPLACE.has(t)),
  );
}

/** Whether the answer tells a story: something done, with its setting or its outcome. */
function tellsAStory(ev: Evidence): boolean {
  const real = ev.sentences.filter((s) => !s.salad && !s.hypothetical);
  const acted = real.some((s) => s.roles.some((r) => r.role === "action"));
  const framed = real.some((s) => s.roles.some((r) => r.role === "situation" || r.role === "result"));
  return acted && framed;
}

export function assessTopic(
  answer: string,
  question: string,
  questionCompetency: string | null,
  vocab: readonly CompetencyVocab[],
  ev: Evidence,
): Topic {
  const askedAll = questionCompetency ? [questionCompetency] : leaders(hitsBy(question, vocab), 1);
  const asked = askedAll[0] ?? null;
  const answerHits = hitsBy(answer, vocab);
  const askedHits = askedAll.reduce((n, id) => n + (answerHits.get(id) ?? 0), 0);
  const told = leader(answerHits, OTHER_MIN_HITS);
  const otherCompetency =
    asked !== null && askedHits === 0 && told !== null && !askedAll.includes(told) && tellsAStory(ev);
  return { asked, askedAll, told, askedHits, otherCompetency };
}

/**
 * Whether an answer addresses the question at all. A story from work answers a generic question, however
 * few of its words it repeats; only an answer that shares nothing with the question and tells no story
 * from operations is off topic. A story about another competency is on topic but told so (see Topic).
 */
export function onTopic(ev: Evidence, topic: Topic): boolean {
  const r = ev.relevance;
  if (r.onTopic || topic.askedHits > 0) return true;
  return tellsAStory(ev) && (topic.asked === null || topic.otherCompetency) && fromWork(ev, r.domainHits);
}
