/** "a, b and c"; "a, b or c" with `last` "or". */
export function listAnd(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}
