import { PhraseIndex } from "../evidence/phrases.js";
import type { Lexicon } from "../lexicon/schema.js";
import type { PostingVocab } from "./schema.js";

interface Named {
  id: string;
  name: string;
  patterns: readonly string[];
}

interface TermIndex {
  index: PhraseIndex;
  methods: Named[];
  metrics: Named[];
}

const compiled = new WeakMap<Lexicon["methods"], WeakMap<PostingVocab, TermIndex>>();

function compile(methods: Lexicon["methods"], vocab: PostingVocab): TermIndex {
  let byVocab = compiled.get(methods);
  if (!byVocab) {
    byVocab = new WeakMap();
    compiled.set(methods, byVocab);
  }
  let terms = byVocab.get(vocab);
  if (!terms) {
    const skip = new Set(vocab.ignore_method_patterns);
    const kept = methods
      .filter((m) => !vocab.ignore_methods.includes(m.id))
      .map((m) => ({ ...m, patterns: m.patterns.filter((p) => !skip.has(p)) }));
    terms = {
      index: new PhraseIndex([
        ...kept.map((m) => [`method:${m.id}`, m.patterns] as const),
        ...vocab.metrics.map((m) => [`metric:${m.id}`, m.patterns] as const),
      ]),
      methods: kept,
      metrics: vocab.metrics,
    };
    byVocab.set(vocab, terms);
  }
  return terms;
}

/** The methods and metrics a posting names, by their canonical names, in the order it first names them. */
export function namedTerms(
  text: string,
  methods: Lexicon["methods"],
  vocab: PostingVocab,
): { methods: string[]; metrics: string[] } {
  const terms = compile(methods, vocab);
  const scan = terms.index.scan(text);
  const inOrder = (kind: string, list: readonly Named[]) =>
    list
      .map((m) => ({ name: m.name, at: scan.hits(`${kind}:${m.id}`)[0]?.start }))
      .filter((m): m is { name: string; at: number } => m.at !== undefined)
      .sort((a, b) => a.at - b.at)
      .map((m) => m.name);
  return { methods: inOrder("method", terms.methods), metrics: inOrder("metric", terms.metrics) };
}
