import { render } from "../feedback/template.js";
import { thousands } from "../text/plural.js";

/**
 * How much of an answer the grader reads. A Discord answer field holds 4,000 characters and a
 * five-minute spoken answer is about 5,000, so the limit leaves room for a pasted write-up and still
 * bounds the time one grade can take, whatever is pasted in.
 */

/** The longest answer graded, in characters (UTF-16 code units, as `String.length` counts them). */
export const MAX_ANSWER_CHARS = 20_000;

/** How far back from the limit a cut looks for the end of a sentence, a line or a word. */
const LOOK_BACK = 2_000;

/** The end of a sentence: . ! ? (and closing quotes or brackets) before white space; tried once per run. */
const SENTENCE_END = /(?<![.!?])[.!?]+["')\]]*(?=\s)/g;

export interface LimitedAnswer {
  /** What is graded: the whole answer, or a prefix of it, so quotes stay verbatim parts of the answer. */
  text: string;
  truncated: boolean;
  /** The length of the whole answer. */
  chars: number;
}

function cutAt(answer: string, max: number): number {
  const from = Math.max(0, max - LOOK_BACK);
  // One character past the limit, so a sentence ending right at it is seen as one.
  const window = answer.slice(from, max + 1);
  let sentence = -1;
  for (const m of window.matchAll(SENTENCE_END)) {
    const end = from + m.index + m[0].length;
    if (end <= max) sentence = end;
  }
  if (sentence > 0) return sentence;
  const line = answer.lastIndexOf("\n", max);
  if (line > from) return line;
  for (let i = max; i > from; i--) if (/\s/.test(answer[i] as string)) return i;
  // No break at all: cut at the limit, but never between the two halves of a surrogate pair.
  const code = answer.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * The answer as graded: unchanged up to `max` characters; longer, cut at the last sentence end before
 * the limit (else a line break, else a space), so one long paste can never stall a grade or a batch.
 */
export function limitAnswer(answer: string, max = MAX_ANSWER_CHARS): LimitedAnswer {
  if (answer.length <= max) return { text: answer, truncated: false, chars: answer.length };
  return { text: answer.slice(0, cutAt(answer, max)).trimEnd(), truncated: true, chars: answer.length };
}

/** The "truncated" notice: how long the answer is, how much of it was graded, and the limit. */
export function truncatedNotice(template: string, limited: LimitedAnswer, max = MAX_ANSWER_CHARS): string {
  return render(template, {
    graded: thousands(limited.text.length),
    total: thousands(limited.chars),
    limit: thousands(max),
  });
}
