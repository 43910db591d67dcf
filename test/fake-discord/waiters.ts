interface Pending {
  check: () => void;
  fail: (error: Error) => void;
}

/**
 * Lets tests await a condition on the fake's state. Every state change calls `notify()`, which re-runs
 * each pending check; a check resolves by returning a value other than `undefined`, or fails by throwing.
 */
export class Waiters {
  readonly #pending = new Set<Pending>();
  #closed = false;

  constructor(
    private readonly defaultTimeoutMs: number,
    private readonly diagnose: () => string,
  ) {}

  notify(): void {
    for (const pending of [...this.#pending]) pending.check();
  }

  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = this.defaultTimeoutMs): Promise<T> {
    try {
      const now = check();
      if (now !== undefined) return Promise.resolve(now);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#closed) return Promise.reject(new Error(`fake-discord is closed; was waiting for ${what}`));
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.#pending.delete(pending);
      };
      const pending: Pending = {
        check: () => {
          try {
            const value = check();
            if (value === undefined) return;
            finish();
            resolve(value);
          } catch (error) {
            finish();
            reject(error);
          }
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        pending.fail(
          new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}${this.diagnose()}`),
        );
      }, timeoutMs);
      this.#pending.add(pending);
    });
  }

  close(): void {
    this.#closed = true;
    for (const pending of [...this.#pending])
      pending.fail(new Error("fake-discord was closed while waiting"));
  }
}
