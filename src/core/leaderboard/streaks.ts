export interface Streaks {
  current: number;
  longest: number;
  daysLast30: number;
  today: boolean;
}

const DAY_MS = 86_400_000;

/** The UTC day number of a time in milliseconds: days since 1970-01-01. */
export const utcDay = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * Daily practice streaks from answer timestamps (ISO, any order), in UTC days. The current streak ends today,
 * or yesterday if the user has not practised yet today (it is still alive). Timestamps after `now` and ones
 * that do not parse are ignored; `daysLast30` counts today and the 29 days before it.
 */
export function streaks(timestamps: readonly string[], now: string): Streaks {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`streaks: now is not a date: ${now}`);
  const today = utcDay(nowMs);
  const days = new Set<number>();
  for (const t of timestamps) {
    const ms = Date.parse(t);
    if (ms <= nowMs) days.add(utcDay(ms));
  }

  let current = 0;
  for (let d = days.has(today) ? today : today - 1; days.has(d); d--) current++;

  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const d of [...days].sort((a, b) => a - b)) {
    run = d === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = d;
  }

  const daysLast30 = [...days].filter((d) => d > today - 30).length;
  return { current, longest, daysLast30, today: days.has(today) };
}
