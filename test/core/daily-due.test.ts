import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueDay } from "../../src/core/daily/due.js";

const set = (updatedAt: string, time = "09:30") => ({ time, updatedAt });

describe("daily question due time", () => {
  it("is due from the time of day on, for the rest of that UTC day", () => {
    const slot = set("2026-03-01T12:00:00.000Z");
    expect(dueDay(slot, new Date("2026-03-02T09:29:59.000Z"))).toBeNull();
    expect(dueDay(slot, new Date("2026-03-02T09:30:00.000Z"))).toBe("2026-03-02");
    expect(dueDay(slot, new Date("2026-03-02T23:59:59.000Z"))).toBe("2026-03-02");
    expect(dueDay(slot, new Date("2026-03-03T00:10:00.000Z"))).toBeNull();
  });

  it("starts tomorrow when set after today's time", () => {
    const slot = set("2026-03-02T10:00:00.000Z");
    expect(dueDay(slot, new Date("2026-03-02T10:05:00.000Z"))).toBeNull();
    expect(dueDay(slot, new Date("2026-03-03T09:30:00.000Z"))).toBe("2026-03-03");
  });

  it("never names a day other than today, and never before the time", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2025-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.date({ min: new Date("2024-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        (now, h, m, updated) => {
          const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const day = dueDay({ time, updatedAt: updated.toISOString() }, now);
          if (day === null) return;
          expect(day).toBe(now.toISOString().slice(0, 10));
          expect(now.toISOString().slice(11, 16) >= time).toBe(true);
        },
      ),
    );
  });
});
