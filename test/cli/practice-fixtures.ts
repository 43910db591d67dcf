import { join } from "node:path";
import type { Grade } from "../../src/core/grading/types.js";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import type { AttemptRecord } from "../../src/store/records.js";

export const SITUATION =
  "At our Columbus distribution center, cycle counts showed 91% location accuracy last spring, and stores were getting short shipments every week because the system said stock was there when the shelf was empty.";
export const TASK =
  "As the inventory analyst, my goal was to reach 98% location accuracy within six months without adding counters.";
export const ACTION =
  "I ran a Pareto on six months of adjustment records in SQL, found that 40 fast movers caused most of the errors, and moved them to weekly ABC cycle counts with a root cause check on every miss.";
export const RESULT =
  "As a result, accuracy rose from 91% to 98.5% in five months, short shipments fell by 70%, and we saved about $90,000 a year in expedited freight.";

/** A four-paragraph answer, as people paste one: parts separated by blank lines. */
export const PARAGRAPHS = [SITUATION, TASK, ACTION, RESULT].join("\n\n");

/** An answer as short as a hurried one. */
export const SHORT_ANSWER = "We had late trucks. I called the carrier. It got better.";

/**
 * A three-paragraph answer of exactly `length` characters: each paragraph one long line (no line break
 * inside), so a terminal's line limit (4,095 in canonical mode) would cut it.
 */
export function longAnswer(length = 6000): string {
  const fill = (opening: string, sentence: string, size: number) => {
    let p = opening;
    while (p.length + sentence.length + 1 <= size) p += ` ${sentence}`;
    return p.padEnd(size, ".");
  };
  const third = Math.floor((length - 4) / 3);
  const a = fill(SITUATION, "Every week the count team found more locations that did not match.", third);
  const b = fill(`${TASK} ${ACTION}`, "I checked each adjustment with the shift lead the same day.", third);
  const c = fill(RESULT, "The gain held through peak season and the next audit.", length - 4 - 2 * third);
  return `${a}\n\n${b}\n\n${c}`;
}

/** The answers stored for a user, oldest first. */
export async function storedAttempts(dataDir: string, userId: string): Promise<AttemptRecord<Grade>[]> {
  const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
  try {
    return (await store.listAttempts(userId)).reverse();
  } finally {
    await store.close();
  }
}

/**
 * Visible width of a line of terminal output: escape sequences take no room, and a carriage return
 * starts over at the first column.
 */
export function visibleLength(line: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is being removed
  const plain = line.replace(/\x1b\[[0-9;?]*[A-Za-z~]/g, "");
  return Math.max(0, ...plain.split("\r").map((part) => [...part].length));
}
