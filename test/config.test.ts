import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, parseConfig, secretsOf } from "../src/config.js";
import { runInProcess } from "./helpers/in-process-cli.js";
import { ROOT } from "./helpers/run-cli.js";

const TOKEN = `MTA${"x".repeat(21)}.Gabcde.${"y".repeat(38)}`;

describe("config", () => {
  it("gives defaults for an empty environment", () => {
    const config = parseConfig({});
    expect(config.OPENAI_MODEL).toBe("gpt-4o-mini");
    expect(config.DATA_DIR).toBe("./data");
    expect(config.DEFAULT_LEVEL).toBe("entry");
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it("treats blank values as unset", () => {
    expect(parseConfig({ DISCORD_TOKEN: "", OPENAI_BASE_URL: "  " }).OPENAI_BASE_URL).toBeUndefined();
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      parseConfig({
        DISCORD_APP_ID: "my-app",
        OPENAI_BASE_URL: "localhost:11434",
        DATABASE_URL: "mysql://db",
        LOG_LEVEL: "loud",
        DEFAULT_LEVEL: "intern",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatchInlineSnapshot(`
      "Configuration is invalid:
        - DISCORD_APP_ID: must be a Discord id (17 to 20 digits)
        - OPENAI_BASE_URL: must start with http:// or https://
        - DATABASE_URL: must be a postgres:// or postgresql:// URL
        - DEFAULT_LEVEL: must be one of entry, mid, senior, executive
        - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent"
    `);
  });

  it("collects the secrets to scrub from logs", () => {
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      OPENAI_API_KEY: "sk-test-1234567890",
      DATABASE_URL: "postgres://coach:hunter22@127.0.0.1/test",
    });
    expect(secretsOf(config)).toEqual([TOKEN, "sk-test-1234567890", "hunter22"]);
  });

  it("documents every variable in .env.example and the README", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const key of Object.keys(ConfigSchema.shape)) {
      expect(example, key).toMatch(new RegExp(`^${key}=`, "m"));
      expect(readme, key).toContain(`| \`${key}\` |`);
    }
  });

  it("makes `star-coach start` exit 2 with the list and no stack trace", async () => {
    const run = await runInProcess(["start"], { env: { DISCORD_APP_ID: "nope", LOG_LEVEL: "loud" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("DISCORD_APP_ID: must be a Discord id");
    expect(run.stderr).toContain("LOG_LEVEL: must be one of");
    expect(run.stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });
});
