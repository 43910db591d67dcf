import { count } from "../text/plural.js";
import { PACE_TARGET_WPM } from "./delivery.js";
import type { Delivery } from "./schema.js";

/** The same figures averaged over some spoken answers: pace, fillers a minute, length. */
export interface DeliveryAverages {
  answers: number;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  duration_s: number | null;
}

/** How a user's spoken answers have gone: the first few against the latest few, and all of them. */
export interface DeliveryTrend {
  answers: number;
  all: DeliveryAverages;
  first: DeliveryAverages;
  latest: DeliveryAverages;
}

/** Answers compared at each end: enough to smooth one bad take, few enough to show a change. */
const WINDOW = 3;

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function averages(ds: readonly Delivery[]): DeliveryAverages {
  const timed = ds.filter((d) => d.duration_s !== null && d.duration_s > 0);
  return {
    answers: ds.length,
    words_per_minute: round1(
      mean(ds.flatMap((d) => (d.words_per_minute === null ? [] : [d.words_per_minute]))),
    ),
    fillers_per_minute: round1(mean(timed.map((d) => d.filler_count / ((d.duration_s ?? 1) / 60)))),
    duration_s: round1(mean(timed.map((d) => d.duration_s ?? 0))),
  };
}

/** The trend of spoken answers, oldest first in; null when there are none. */
export function deliveryTrend(oldestFirst: readonly Delivery[]): DeliveryTrend | null {
  if (oldestFirst.length === 0) return null;
  return {
    answers: oldestFirst.length,
    all: averages(oldestFirst),
    first: averages(oldestFirst.slice(0, WINDOW)),
    latest: averages(oldestFirst.slice(-WINDOW)),
  };
}

const pace = (n: number) => `${Math.round(n)}`;
const fillers = (n: number) => `${n.toFixed(1)} a minute`;

/** The trend in a few lines: pace and fillers, first answers against the latest when they differ. */
export function deliveryTrendLines(t: DeliveryTrend): string[] {
  const lines = [`${count(t.answers, "spoken answer")}.`];
  const moved = t.answers > WINDOW;
  const target = `(easy to follow: ${PACE_TARGET_WPM.min}–${PACE_TARGET_WPM.max})`;
  if (t.all.words_per_minute === null) lines.push("Pace: not known (the recordings gave no length).");
  else if (moved && t.first.words_per_minute !== null && t.latest.words_per_minute !== null)
    lines.push(
      `Pace: ${pace(t.first.words_per_minute)} → ${pace(t.latest.words_per_minute)} words a minute ${target}.`,
    );
  else lines.push(`Pace: ${pace(t.all.words_per_minute)} words a minute ${target}.`);
  if (t.all.fillers_per_minute === null)
    lines.push(`Fillers: ${count(t.all.answers, "answer")} without a length to count them against.`);
  else if (moved && t.first.fillers_per_minute !== null && t.latest.fillers_per_minute !== null)
    lines.push(`Fillers: ${fillers(t.first.fillers_per_minute)} → ${fillers(t.latest.fillers_per_minute)}.`);
  else lines.push(`Fillers: ${fillers(t.all.fillers_per_minute)}.`);
  if (t.all.duration_s !== null)
    lines.push(`Length: ${Math.round(t.all.duration_s)} s on average (aim for 90–150).`);
  return lines;
}
