import type { Evidence } from "./extract.js";
import { stem } from "./relevance.js";

/** A competency's vocabulary, from its question file's `keywords`. */
export interface CompetencyVocab {
  id: string;
  name: string;
  keywords: readonly string[];
  /** The words stories about it use beyond its keywords (`story_words`): "red-tagged", "pick path". */
  storyWords?: readonly string[];
}

const withStories = new WeakMap<readonly CompetencyVocab[], CompetencyVocab[]>();

/** Each competency's keywords and story words together; built once per bank. */
export function storyVocabulary(vocab: readonly CompetencyVocab[]): CompetencyVocab[] {
  let merged = withStories.get(vocab);
  if (!merged) {
    merged = vocab.map((c) => ({ ...c, keywords: [...c.keywords, ...(c.storyWords ?? [])] }));
    withStories.set(vocab, merged);
  }
  return merged;
}

export interface Topic {
  /** The competency the question asks about: the bank's, or read from a free-text question's words. */
  asked: string | null;
  /** Every competency the question's words point to equally ("inventory carrying cost": two). */
  askedAll: string[];
  /** The competency the answer's words (keywords and story words) point to most, when they point anywhere. */
  told: string | null;
  /** Keywords of the asked competencies found in the answer. */
  askedHits: number;
  /** A story about another competency than the one asked for. */
  otherCompetency: boolean;
}

/** Keywords of another competency an answer needs before it is called a story about that competency. */
const OTHER_MIN_HITS = 2;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}&/]*/gu;

function stems(text: string): string[] {
  return (text.toLowerCase().replace(/[-']/g, " ").match(WORD) ?? []).map(stem);
}

interface Keyword {
  competency: string;
  /** Index of the keyword among all keywords, to count each once. */
  id: number;
  words: string[];
}

/** Every competency keyword, stemmed, filed under its first word: one pass over a text finds them all. */
interface KeywordIndex {
  byFirst: Map<string, Keyword[]>;
  competencies: string[];
}

const compiled = new WeakMap<readonly CompetencyVocab[], KeywordIndex>();

function compile(vocab: readonly CompetencyVocab[]): KeywordIndex {
  let index = compiled.get(vocab);
  if (!index) {
    const byFirst = new Map<string, Keyword[]>();
    let id = 0;
    for (const v of vocab) {
      const seen = new Set<string>();
      for (const k of v.keywords) {
        const words = stems(k);
        const key = words.join(" ");
        if (words.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const first = words[0] as string;
        byFirst.set(first, [...(byFirst.get(first) ?? []), { competency: v.id, id: id++, words }]);
      }
    }
    index = { byFirst, competencies: vocab.map((v) => v.id) };
    compiled.set(vocab, index);
  }
  return index;
}

/** How many distinct keywords of each competency a text uses: linear in the text's length. */
export function hitsBy(text: string, vocab: readonly CompetencyVocab[]): Map<string, number> {
  const index = compile(vocab);
  const words = stems(text);
  const found = new Set<number>();
  const hits = new Map(index.competencies.map((c) => [c, 0]));
  words.forEach((w, i) => {
    for (const k of index.byFirst.get(w) ?? []) {
      if (found.has(k.id) || !k.words.every((x, j) => words[i + j] === x)) continue;
      found.add(k.id);
      hits.set(k.competency, (hits.get(k.competency) ?? 0) + 1);
    }
  });
  return hits;
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
  // What a story is about shows in the words of the work too ("shadow boards", "pick path"); whether it
  // touches the question's competency at all is read from the keywords alone.
  const told = leader(hitsBy(answer, storyVocabulary(vocab)), OTHER_MIN_HITS);
  // A story that moves the metric the question names ("improved on-time delivery" … "on-time shipping
  // reached 94%") answers it, whichever competency its words belong to.
  const otherCompetency =
    asked !== null &&
    askedHits === 0 &&
    ev.relevance.sharedMetrics === 0 &&
    told !== null &&
    !askedAll.includes(told) &&
    tellsAStory(ev);
  return { asked, askedAll, told, askedHits, otherCompetency };
}

/**
 * Whether an answer addresses the question at all. A story from work answers a generic question, however
 * few of its words it repeats; only an answer that shares nothing with the question and tells no story
 * from operations, nor a plan for work, is off topic. A story about another competency is on topic but
 * told so (see Topic).
 */
export function onTopic(ev: Evidence, topic: Topic): boolean {
  const r = ev.relevance;
  if (r.onTopic || topic.askedHits > 0) return true;
  // A plan for work ("I would look at the layout and talk to the pickers") answers a generic question
  // too: it is scored as a plan (see caps.ts), not called off topic.
  const told = tellsAStory(ev) || ev.hypothetical;
  // A story whose words are some competency's ("lined up the jobs", "changeovers") or that measures a
  // change ("waiting time fell from two days to one") is from work, whatever the workplace is called.
  const work = fromWork(ev, r.domainHits) || topic.told !== null || ev.changes.length > 0;
  return told && (topic.asked === null || topic.otherCompetency) && work;
}
