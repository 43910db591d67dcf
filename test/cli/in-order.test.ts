import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inOrder } from "../../src/cli/in-order.js";

/** A promise the test settles when it wants: no timers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One turn of the event loop: Node reports unhandled rejections once the microtasks have run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

let unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", record);
});
afterEach(() => {
  process.off("unhandledRejection", record);
});

describe("inOrder", () => {
  it("yields results in input order with at most `limit` in flight", async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    let inFlight = 0;
    let most = 0;
    const results = inOrder([0, 1, 2], 2, async (i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const value = await (gates[i] as ReturnType<typeof deferred<string>>).promise;
      inFlight -= 1;
      return value;
    });
    const first = results.next();
    await turn();
    gates[1]?.resolve("b");
    gates[0]?.resolve("a");
    expect(await first).toEqual({ value: "a", done: false });
    gates[2]?.resolve("c");
    expect(await results.next()).toEqual({ value: "b", done: false });
    expect(await results.next()).toEqual({ value: "c", done: false });
    expect((await results.next()).done).toBe(true);
    expect(most).toBe(2);
  });

  it("holds a later item's failure while an earlier one is pending, and throws it in its turn", async () => {
    const slow = deferred<string>();
    const results = inOrder([0, 1], 2, async (i) => {
      if (i === 1) throw new Error("item 1 failed");
      return slow.promise;
    });
    const first = results.next();
    // Item 1 has failed; item 0 is still pending. Before the fix this was an unhandled rejection,
    // which ends a Node process.
    await turn();
    await turn();
    expect(unhandled).toEqual([]);
    slow.resolve("zero");
    expect(await first).toEqual({ value: "zero", done: false });
    await expect(results.next()).rejects.toThrow("item 1 failed");
    expect(unhandled).toEqual([]);
  });

  it("leaves no unhandled rejection when the consumer stops early", async () => {
    const results = inOrder([0, 1, 2], 3, async (i) => {
      if (i > 0) throw new Error(`item ${i} failed`);
      return "zero";
    });
    for await (const value of results) {
      expect(value).toBe("zero");
      break;
    }
    await turn();
    await turn();
    expect(unhandled).toEqual([]);
  });

  it("turns a synchronous throw from `fn` into that item's failure, in order", async () => {
    const results = inOrder([0, 1], 1, (i) => {
      if (i === 1) throw new Error("sync failure");
      return Promise.resolve("zero");
    });
    expect(await results.next()).toEqual({ value: "zero", done: false });
    await expect(results.next()).rejects.toThrow("sync failure");
  });
});
