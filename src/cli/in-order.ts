/**
 * Runs `fn` over the items with at most `limit` in flight and yields the results in input order, so a
 * batch graded by a slow grader still prints line by line, in order.
 */
export async function* inOrder<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  let index = 0;
  for (const item of items) {
    window.push(fn(item, index++));
    if (window.length >= limit) yield await (window.shift() as Promise<R>);
  }
  while (window.length > 0) yield await (window.shift() as Promise<R>);
}
