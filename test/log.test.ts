import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrub } from "../src/log.js";

const TOKEN = `MTA${"a".repeat(21)}.Gabcde.${"b".repeat(38)}`;
const KEY = "sk-proj-abcdefghijklmnop123456";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe("logger", () => {
  it("never writes a configured secret, wherever it appears", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "trace", format: "json", destination, secrets: [TOKEN, KEY] });
    logger.info({ token: TOKEN }, "top-level token key");
    logger.info({ client: { options: { token: TOKEN } } }, "nested three levels");
    logger.info({ req: { headers: { authorization: `Bot ${TOKEN}`, "x-api-key": KEY } } }, "headers");
    logger.error({ err: new Error(`request failed with key ${KEY}`) }, "error message quoting the key");
    logger.warn(`a string that mentions ${TOKEN} in passing`);
    logger.info({ deep: { a: { b: { c: { d: `Bearer ${KEY}` } } } } }, "deep value");
    const child = logger.child({ module: "test" });
    child.info({ config: { DISCORD_TOKEN: TOKEN, OPENAI_API_KEY: KEY } }, "config dump");
    const output = lines.join("");
    expect(lines).toHaveLength(7);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(KEY);
    expect(output).toContain("[REDACTED]");
    expect(output).toContain("nested three levels");
  });

  it("scrubs token shapes it was not told about", () => {
    const line = scrub(
      `Authorization: Bearer abc.def-ghi_jkl123 sk-abcdefghijkl ${TOKEN} postgres://u:pa55word@h/db`,
      [],
    );
    expect(line).toBe("Authorization: Bearer [REDACTED] [REDACTED] [REDACTED] postgres://u:[REDACTED]@h/db");
  });

  it("is silent under the test runner unless a level is given", () => {
    const { lines, destination } = capture();
    createLogger({ destination }).error("should not appear");
    createLogger({ destination, level: "info", format: "json" }).info("should appear");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ msg: "should appear", level: 30 });
  });

  it("writes readable lines when asked for pretty output", () => {
    const { lines, destination } = capture();
    createLogger({ destination, level: "info", format: "pretty", secrets: [KEY] }).info(
      { apiKey: KEY },
      "hello pretty",
    );
    const output = lines.join("");
    expect(output).toContain("hello pretty");
    expect(output).not.toContain(KEY);
    expect(() => JSON.parse(output)).toThrow();
  });
});
