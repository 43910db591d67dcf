import type { Store } from "../../src/store/store.js";
import { withGroupStore } from "./store-faults.js";

export interface SchedulerTicks {
  /** Pass as `wrapStore` to startTestBot: the store, counting the scheduler's ticks. */
  wrap(store: Store): Store;
  /** Ticks begun so far. */
  readonly count: number;
  /**
   * Resolves once the scheduler has done a whole tick that began after this call: the tick saw every
   * change made before the call, and whatever it posts or closes is done. For "nothing happens"
   * checks, instead of a sleep.
   */
  next(timeoutMs?: number): Promise<void>;
}

/**
 * Counts the bot scheduler's ticks through the store: every tick lists the daily schedules once, after
 * closing due rounds and retrying summaries and before posting daily questions, and ticks never overlap
 * (src/discord/scheduler.ts).
 */
export function schedulerTicks(): SchedulerTicks {
  let count = 0;
  const waiters = new Set<() => void>();
  return {
    wrap(store) {
      return withGroupStore(store, {
        listDailies: () => {
          count++;
          for (const check of [...waiters]) check();
          return store.groups.listDailies();
        },
      });
    },
    get count() {
      return count;
    },
    next(timeoutMs = 10_000) {
      // The next listing may come from a tick that began before this call (it read the clock or the due
      // rounds before it); the one after it from a tick that began after this call, and the third only
      // once that tick has ended.
      const target = count + 3;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (count < target) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`the scheduler did not tick three times in ${timeoutMs} ms (${count} ticks so far)`),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
  };
}
