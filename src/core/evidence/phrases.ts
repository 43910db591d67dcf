export interface PhraseHit {
  start: number;
  end: number;
  text: string;
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Words (letters, digits, inner ' & -) and single symbols; "a/b" is three tokens, as in the text. */
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}&-]|['\u2019](?=[\p{L}\p{N}]))*|[$€£%/+#]/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({
      word: m[0].toLowerCase().replace(/\u2019/g, "'"),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

interface Word {
  text: string;
  /** A trailing * in the lexicon: any word starting with `text`. */
  prefix: boolean;
}

interface Pattern {
  list: number;
  words: Word[];
  length: number;
}

/** What one pass over a text found, list by list. */
export class Scan {
  constructor(
    readonly tokens: readonly Token[],
    private readonly found: ReadonlyArray<PhraseHit[] | undefined>,
    private readonly ids: ReadonlyMap<string, number>,
  ) {}

  hits(list: string): readonly PhraseHit[] {
    const id = this.ids.get(list);
    return (id === undefined ? undefined : this.found[id]) ?? NO_HITS;
  }

  count(list: string): number {
    return this.hits(list).length;
  }

  has(list: string): boolean {
    return this.hits(list).length > 0;
  }
}

const PREFIX_KEY = 3;
/** A word that tokenize() would return as itself, whole and unchanged. */
const PLAIN_WORD = /^[a-z0-9]+$/;
const NO_HITS: readonly PhraseHit[] = [];
const MAX_CACHED_WORDS = 20_000;
const NONE: readonly Pattern[] = [];

/**
 * Every lexicon list compiled into one index, so that one pass over a sentence finds the hits of all
 * lists: case-insensitive, on word boundaries, leftmost and longest first, never overlapping in a list.
 */
export class PhraseIndex {
  private readonly ids = new Map<string, number>();
  private readonly exact = new Map<string, Pattern[]>();
  private readonly byPrefix = new Map<string, Pattern[]>();
  /** Patterns whose first word matches a given word, by list then longest first; bounded. */
  private readonly candidates = new Map<string, readonly Pattern[]>();

  constructor(lists: ReadonlyArray<readonly [string, readonly string[]]>) {
    for (const [name, phrases] of lists) {
      const list = this.ids.size;
      this.ids.set(name, list);
      for (const phrase of new Set(phrases)) {
        const words: Word[] = [];
        for (const raw of phrase.trim().split(/\s+/)) {
          const star = raw.endsWith("*");
          const bare = star ? raw.slice(0, -1) : raw;
          // A * on its own is any one word: "within * weeks" (never first: the lexicon's check refuses that).
          if (star && bare === "" && words.length > 0) {
            words.push({ text: "", prefix: true });
            continue;
          }
          // Most lexicon words are one plain token: half the cost of a start's index, without tokenize.
          if (PLAIN_WORD.test(bare)) {
            words.push({ text: bare, prefix: star });
            continue;
          }
          const sub = tokenize(bare);
          for (let k = 0; k < sub.length; k++)
            words.push({ text: (sub[k] as Token).word, prefix: star && k === sub.length - 1 });
        }
        const first = words[0];
        if (!first) continue;
        const map = first.prefix ? this.byPrefix : this.exact;
        const key = first.prefix ? first.text.slice(0, PREFIX_KEY) : first.text;
        const bucket = map.get(key);
        const pattern = { list, words, length: phrase.length };
        if (bucket) bucket.push(pattern);
        else map.set(key, [pattern]);
      }
    }
  }

  scan(text: string): Scan {
    const tokens = tokenize(text);
    const found: Array<PhraseHit[] | undefined> = new Array(this.ids.size);
    const nextFree = new Int32Array(this.ids.size);
    for (let i = 0; i < tokens.length; i++) {
      for (const p of this.candidatesOf((tokens[i] as Token).word)) {
        if ((nextFree[p.list] as number) > i || !matchAt(tokens, i, p)) continue;
        const start = (tokens[i] as Token).start;
        const end = (tokens[i + p.words.length - 1] as Token).end;
        const hit = { start, end, text: text.slice(start, end) };
        const list = found[p.list];
        if (list) list.push(hit);
        else found[p.list] = [hit];
        nextFree[p.list] = i + p.words.length;
      }
    }
    return new Scan(tokens, found, this.ids);
  }

  /** Whether one word, on its own, is in a list ("ran" in action_verbs). */
  wordIn(word: string, list: string): boolean {
    const id = this.ids.get(list);
    for (const p of this.candidatesOf(word)) if (p.list === id && p.words.length === 1) return true;
    return false;
  }

  /**
   * The stem through which one word is in a list ("escalat" for "escalations" in action_verbs), or null
   * when the word is listed whole or not at all.
   */
  stemOf(word: string, list: string): string | null {
    const id = this.ids.get(list);
    let stem: string | null = null;
    for (const p of this.candidatesOf(word)) {
      if (p.list !== id || p.words.length !== 1) continue;
      const w = p.words[0] as Word;
      if (!w.prefix) return null;
      if (stem === null || w.text.length > stem.length) stem = w.text;
    }
    return stem;
  }

  private candidatesOf(word: string): readonly Pattern[] {
    const cached = this.candidates.get(word);
    if (cached) return cached;
    const out = [...(this.exact.get(word) ?? NONE)];
    for (let k = 1; k <= Math.min(PREFIX_KEY, word.length); k++) {
      for (const p of this.byPrefix.get(word.slice(0, k)) ?? NONE)
        if (word.startsWith((p.words[0] as Word).text)) out.push(p);
    }
    out.sort((a, b) => a.list - b.list || b.words.length - a.words.length || b.length - a.length);
    if (this.candidates.size >= MAX_CACHED_WORDS) this.candidates.clear();
    this.candidates.set(word, out);
    return out;
  }
}

function matchAt(tokens: readonly Token[], i: number, p: Pattern): boolean {
  if (i + p.words.length > tokens.length) return false;
  for (let k = 0; k < p.words.length; k++) {
    const w = p.words[k] as Word;
    const t = (tokens[i + k] as Token).word;
    if (w.prefix ? !t.startsWith(w.text) : t !== w.text) return false;
  }
  return true;
}
