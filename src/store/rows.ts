import { log } from "../log.js";
import { StoredDataError } from "./store.js";

/**
 * Reads every row of a list, skipping (and logging, by table and id, never text) a row that fails
 * validation, so one corrupt row cannot make a whole list (a leaderboard, a history) unreadable.
 */
export function readEach<R, T>(
  rows: readonly R[],
  read: (row: R) => T,
  table: string,
  idOf: (row: R) => string,
): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(read(row));
    } catch (err) {
      if (!(err instanceof StoredDataError)) throw err;
      reportUnreadable(table, idOf(row), err);
    }
  }
  return out;
}

export function reportUnreadable(table: string, id: string, err: StoredDataError, action = "skipped"): void {
  log()
    .child({ module: "store" })
    .warn({ table, id, reason: err.message, action }, "a stored row failed validation");
}
