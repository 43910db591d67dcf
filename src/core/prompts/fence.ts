/**
 * A tag name for fencing untrusted text that the text itself does not contain, so an answer that writes
 * "</answer>" cannot close the fence early: `answer`, else `answer_1`, `answer_2`… Deterministic, so the
 * same answer gives the same prompt (and the same cache entry).
 */
export function fenceTag(base: string, ...texts: string[]): string {
  const haystack = texts.join("\n").toLowerCase();
  let tag = base;
  for (let n = 1; haystack.includes(`<${tag}`) || haystack.includes(`</${tag}`); n++) tag = `${base}_${n}`;
  return tag;
}
