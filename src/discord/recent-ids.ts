/**
 * Ids seen lately, in two generations: each is remembered for at least `windowMs` and at most twice that,
 * with no timer and no per-id bookkeeping.
 */
export class RecentIds {
  #current = new Set<string>();
  #previous = new Set<string>();
  #since: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#since = now();
  }

  /** Records `id`; false when it was already seen in the window. */
  add(id: string): boolean {
    const now = this.now();
    if (now - this.#since >= this.windowMs) {
      this.#previous = now - this.#since >= 2 * this.windowMs ? new Set() : this.#current;
      this.#current = new Set();
      this.#since = now;
    }
    if (this.#current.has(id) || this.#previous.has(id)) return false;
    this.#current.add(id);
    return true;
  }
}
