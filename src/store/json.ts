import type { z } from "zod";
import { StoredDataError } from "./store.js";
import { storableJson } from "./text.js";

const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "invalid";

/** Checks a stored value against its schema; a bad one is a StoredDataError naming what it was. */
export function checkStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`${what}: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/** Parses a stored JSON column through its schema; a bad row is a StoredDataError naming what it was. */
export function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StoredDataError(`${what}: stored JSON is not valid`);
  }
  return checkStored(schema, raw, what);
}

/**
 * The JSON to store for a value: validated and normalised by the schema it will be read with, so the
 * store never writes what it could not read back. Refuses with a StoredDataError.
 */
export function toStoredJson<S extends z.ZodType>(schema: S, value: z.input<S>, what: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`${what}: not stored, ${firstIssue(parsed.error)}`);
  return storableJson(parsed.data);
}

/** A stored JSON column for an export: parsed by its schema when it can be, else as stored (JSON or text). */
export function exportJson(schema: z.ZodType, text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : raw;
}
