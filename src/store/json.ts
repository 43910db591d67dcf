import type { z } from "zod";
import { StoredDataError } from "./store.js";

/** Parses a stored JSON column through its schema; a bad row is a StoredDataError naming what it was. */
export function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StoredDataError(`${what}: stored JSON is not valid`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new StoredDataError(`${what}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}
