import type { CompiledLexicon } from "./compiled-lexicon.js";
import { normalizeMetric } from "./mention-units.js";
import { normalizeForMatching } from "./normalize.js";

/** A crude stem, enough to match "schedule" with "scheduling" and "deliveries" with "delivery". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, "");
  if (w.length <= 4) return w;
  for (const suffix of [
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "er",
    "ly",
    "s",
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4)
      // "deliveries" and "delivery" share a stem; so do "supplied" and "supply".
      return suffix === "ies" || suffix === "ied" ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
  }
  return w;
}

const CONTENT_WORD = /[\p{L}][\p{L}'-]{3,}/gu;

export function contentStems(text: string, lex: CompiledLexicon): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(CONTENT_WORD)) {
    if (!lex.functionWords.has(m[0])) out.add(stem(m[0]));
  }
  return out;
}

const GENERIC_QUESTION_WORDS = new Set(
  [
    "tell",
    "time",
    "describe",
    "example",
    "give",
    "walk",
    "through",
    "situation",
    "what",
    "when",
    "your",
    "about",
    "happen",
    "result",
    "approach",
    "handle",
    "share",
    "explain",
  ].map(stem),
);

export interface Relevance {
  /** Share of the question's own content words that the answer uses (0–1). */
  questionOverlap: number;
  /** Competency keywords the answer uses. */
  keywordHits: number;
  /** Operations vocabulary anywhere in the answer: methods, metrics, places, problems. */
  domainHits: number;
  /** Metrics the question names that the answer talks about too ("on-time delivery" … "shipped on time"). */
  sharedMetrics: number;
  onTopic: boolean;
}

export function assessRelevance(
  answerNorm: string,
  answerStems: Set<string>,
  question: string,
  keywords: readonly string[],
  domainHits: number,
  lex: CompiledLexicon,
  answerMetrics: ReadonlySet<string> = new Set(),
): Relevance {
  const questionStems = [...contentStems(question, lex)].filter((s) => !GENERIC_QUESTION_WORDS.has(s));
  const matched = questionStems.filter((s) => answerStems.has(s)).length;
  const questionOverlap = questionStems.length ? matched / Math.min(questionStems.length, 6) : 0;
  const lower = answerNorm.toLowerCase();
  const keywordHits = keywords.filter((k) => lower.includes(k.toLowerCase())).length;
  // Conservative on purpose: an answer is off topic only when it shares nothing with the question and
  // barely touches operations at all. A wrong "off topic" verdict on a real answer costs more than a miss.
  const onTopic = matched >= 1 || keywordHits >= 1 || domainHits >= 2;
  const asked = new Set(
    lex.index
      .scan(normalizeForMatching(question))
      .hits("metric_terms")
      .map((h) => normalizeMetric(h.text)),
  );
  const sharedMetrics = [...asked].filter((m) => answerMetrics.has(m)).length;
  return { questionOverlap: Math.min(1, questionOverlap), keywordHits, domainHits, sharedMetrics, onTopic };
}
