import { afterEach, describe, expect, it, vi } from "vitest";
import { AUDIO_KEPT_MS, Expiring } from "../../src/discord/voice/held.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("what voice answers hold in memory", () => {
  it("drops a failed recording after 10 minutes, whether or not anyone asks for it", () => {
    vi.useFakeTimers();
    const held = new Expiring<Uint8Array>(AUDIO_KEPT_MS);
    held.set("m1", new Uint8Array(8));
    vi.advanceTimersByTime(AUDIO_KEPT_MS - 1);
    expect(held.get("m1")).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(held.size).toBe(0);
    expect(AUDIO_KEPT_MS).toBe(10 * 60_000);
  });

  it("gives an entry to one taker only", () => {
    const held = new Expiring<string>(60_000);
    held.set("m1", "transcript");
    expect(held.take("m1")).toBe("transcript");
    expect(held.take("m1")).toBeUndefined();
  });

  it("keeps at most 1,000 entries, dropping the oldest", () => {
    const held = new Expiring<number>(60_000);
    for (let i = 0; i < 1_001; i++) held.set(`m${i}`, i);
    expect(held.size).toBe(1_000);
    expect(held.get("m0")).toBeUndefined();
    expect(held.get("m1000")).toBe(1_000);
    for (let i = 0; i < 1_001; i++) held.delete(`m${i}`);
  });
});
