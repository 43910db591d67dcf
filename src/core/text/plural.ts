/**
 * 1200 as "1,200". Not toLocaleString: its first call in a process loads the locale data, some 20 to
 * 60 ms of a start.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 ? `-${digits}` : digits;
}

/** "1 word", "2 words", "1,200 words": a count and its noun, in the singular only for one. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${thousands(n)} ${n === 1 ? singular : plural}`;
}
