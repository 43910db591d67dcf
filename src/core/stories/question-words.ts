import { stem } from "../evidence/relevance.js";
import { STOPWORDS } from "./stopwords.js";
import { tokenize } from "./tokens.js";

/** Words every question is phrased with, that say nothing about what it asks. */
const QUESTION_WORDS = new Set(
  "tell describe example give walk share explain happened happen approach handle did what when your about instance moment occasion specific recent talk".split(
    " ",
  ),
);

/** A question's content words, stemmed, each with its spelling: what a story should speak to. */
export function questionTerms(question: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokenize(question)) {
    if (t.figure || t.text.length < 3 || STOPWORDS.has(t.text) || QUESTION_WORDS.has(t.text)) continue;
    const s = stem(t.text);
    if (!out.has(s)) out.set(s, t.text);
  }
  return out;
}
