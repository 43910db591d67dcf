/** "1 word", "2 words", "1,200 words": a count and its noun, in the singular only for one. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}
