import type { FieldError } from "./errors.js";

export type Path = ReadonlyArray<string | number>;

/** Discord counts characters, not UTF-16 units. */
export function charCount(value: string): number {
  return [...value].length;
}

/** Collects field errors with Discord's codes and messages. */
export class Check {
  readonly errors: FieldError[] = [];

  add(path: Path, code: string, message: string): void {
    this.errors.push({ path, code, message });
  }

  required(path: Path, value: unknown): boolean {
    if (value !== undefined && value !== null && value !== "") return true;
    this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return false;
  }

  /** A string's length, when the value is a string. */
  length(path: Path, value: unknown, min: number, max: number): void {
    if (typeof value !== "string") return;
    const n = charCount(value);
    if (min > 0 && n < min)
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
    else if (n > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  /** An array's size, when the value is an array. */
  items(path: Path, value: unknown, min: number, max: number): void {
    if (!Array.isArray(value)) return;
    if (value.length < min)
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
    else if (value.length > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  range(path: Path, value: unknown, min: number, max: number): void {
    if (typeof value !== "number") return;
    if (value < min)
      this.add(path, "NUMBER_TYPE_MIN", `int value should be greater than or equal to ${min}.`);
    else if (value > max)
      this.add(path, "NUMBER_TYPE_MAX", `int value should be less than or equal to ${max}.`);
  }
}
