/**
 * Characters one engine cannot store or stores differently: U+0000 (PostgreSQL rejects it in text) and
 * unpaired UTF-16 surrogates (PostgreSQL reads one back as one U+FFFD, SQLite as three).
 */
const UNSTORABLE = new RegExp(
  ["\\u0000", "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])", "(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]"].join("|"),
  "g",
);

/** Text as both engines store it and give it back: every unstorable character becomes U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\uFFFD");
}

export function storableNullable(text: string | null): string | null {
  return text === null ? null : storableText(text);
}

/** JSON for a text column, with every string in it made storable the same way. */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? storableText(v) : v));
}
