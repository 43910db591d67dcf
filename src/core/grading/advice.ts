/** Keeps the model's free text honest and short before a candidate reads it. */

const FIGURE = /[$€£]?\d[\d,]*(?:\.\d+)?/g;

const numberKey = (figure: string) => figure.replace(/[^\d.]/g, "").replace(/\.$/, "");

/**
 * Replaces every figure the answer does not contain with "[figure]": an example answer may reuse the
 * candidate's numbers but never invent them. "$60,000" in the answer allows "60,000" and "$60000".
 */
export function withoutInventedFigures(text: string, answer: string): string {
  const known = new Set([...answer.matchAll(FIGURE)].map((m) => numberKey(m[0])));
  return text.replace(FIGURE, (m) => (known.has(numberKey(m)) ? m : "[figure]"));
}

/** Trims, collapses white space and cuts at a word boundary; "" stays "". */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 3);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}...`;
}
