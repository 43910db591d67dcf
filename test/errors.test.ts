import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { StarCoachError, UserFacingError } from "../src/core/errors.js";
import { UserError } from "../src/discord/errors.js";
import { BudgetExceededError } from "../src/llm/errors.js";
import { GradingFailedError, NotYourSessionError, RoundError } from "../src/sessions/errors.js";

const SRC = join(import.meta.dirname, "..", "src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("one error policy", () => {
  it("has every error class of ours under StarCoachError", () => {
    const strays = files(SRC)
      .filter((f) => relative(SRC, f) !== join("core", "errors.ts"))
      .filter((f) => /class \w+ extends (?:Error|TypeError|RangeError)\b/.test(readFileSync(f, "utf8")))
      .map((f) => relative(SRC, f));
    expect(strays).toEqual([]);
  });

  it("shows a user-facing error's message and only a reference for the rest", () => {
    for (const err of [
      new UserError("Pick a level."),
      new NotYourSessionError("s1"),
      new RoundError("Closed."),
    ]) {
      expect(err).toBeInstanceOf(UserFacingError);
      expect(err.userMessage).toBe(err.message);
    }
    for (const err of [new GradingFailedError("a1", new Error("timeout")), new BudgetExceededError("user")]) {
      expect(err).toBeInstanceOf(StarCoachError);
      expect(err.userMessage).toBeNull();
    }
  });
});
