const QUOTES = "\u2018\u2019\u201A\u201B\u2032\u00B4`";
const DOUBLE_QUOTES = "\u201C\u201D\u201E\u201F\u2033";
const DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
const SPACES = "\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000";

function mapCode(code: number, ch: string): string {
  if (code === 13) return "\n";
  if (code === 9 || code === 10) return ch;
  if (code < 32 || code === 127) return " ";
  if (code < 128) return ch;
  if (QUOTES.includes(ch)) return "'";
  if (DOUBLE_QUOTES.includes(ch)) return '"';
  if (DASHES.includes(ch)) return "-";
  if (SPACES.includes(ch)) return " ";
  return ch;
}

/** Every code unit that mapCode changes: control characters (not tab or line feed), DEL, look-alikes. */
const MAPPED = new RegExp(
  `[\\x00-\\x08\\x0B-\\x1F\\x7F${[...(QUOTES + DOUBLE_QUOTES + DASHES + SPACES)].filter((c) => c.charCodeAt(0) >= 128).join("")}]`,
  "g",
);

/**
 * Maps look-alike characters to plain ones, one code unit for one, so offsets into the normalised text
 * are offsets into the original answer (evidence quotes are always verbatim slices of the original).
 * One linear pass that touches only the characters it changes; plain text comes back as it is.
 */
export function normalizeForMatching(text: string): string {
  return text.replace(MAPPED, (ch) => mapCode(ch.charCodeAt(0), ch));
}

/** Words as the grader counts them: letters and digits, with inner apostrophes and hyphens. */
export const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

export function words(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}
