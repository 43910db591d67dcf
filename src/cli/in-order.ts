/**
 * Runs `fn` over the items with at most `limit` in flight and yields the results in input order, so a
 * batch graded by a slow grader still prints line by line, in order.
 *
 * A failure is thrown when its turn comes, in order. An item that fails while an earlier one is still
 * pending is held until then, not left as an unhandled rejection (which would end the process); and if
 * the consumer stops early, the items still in flight settle without one either.
 */
export async function* inOrder<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  let index = 0;
  const start = (item: T): Promise<R> => {
    const i = index++;
    const run = (async () => fn(item, i))();
    // Marks the rejection handled now; awaiting `run` in its turn still throws it.
    run.catch(() => undefined);
    return run;
  };
  for (const item of items) {
    window.push(start(item));
    if (window.length >= Math.max(1, limit)) yield await (window.shift() as Promise<R>);
  }
  while (window.length > 0) yield await (window.shift() as Promise<R>);
}
