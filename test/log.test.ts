import { Writable } from "node:stream";
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
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

  it("logs a Discord REST error as status, code, method and route: never its body or token", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "trace", format: "json", destination });
    const token = `aW50ZXJhY3Rpb246${"t".repeat(60)}`;
    const url = `https://discord.com/api/v10/webhooks/111111111111111111/${token}/messages/%40original`;
    const body = { files: [], body: { content: "My answer about Quillbrook Foundry" } };
    const api = new DiscordAPIError(
      {
        code: 50035,
        message: "Invalid Form Body",
        errors: {
          content: {
            _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: 'Value "Quillbrook" is too long.' }],
          },
        },
      },
      50035,
      400,
      "PATCH",
      url,
      body,
    );
    const http = new HTTPError(503, "Service Unavailable", "POST", url, body);
    const limited = new RateLimitError({
      timeToReset: 1000,
      limit: 5,
      method: "POST",
      hash: "h",
      url,
      route: "/webhooks/:id",
      majorParameter: `111111111111111111/${token}`,
      global: false,
      retryAfter: 1000,
      sublimitTimeout: 0,
      scope: "user",
    });
    logger.error({ err: api }, "api");
    logger.error({ err: http }, "http");
    logger.warn({ err: limited }, "limited");
    logger.error({ err: new Error("wrapped", { cause: api }) }, "wrapped");
    logger.error(api, "as the first argument");
    logger.info(`a path with a token: POST /interactions/222222222222222222/${token}/callback`);
    const output = lines.join("");
    expect(output).not.toContain(token);
    expect(output).not.toContain("Quillbrook");
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.err).toEqual({
      type: "DiscordAPIError",
      message: "Invalid Form Body",
      status: 400,
      code: 50035,
      method: "PATCH",
      route: "/webhooks/111111111111111111/:token/messages/@original",
      fields: ["content[BASE_TYPE_MAX_LENGTH]"],
    });
    expect(second.err).toMatchObject({ type: "HTTPError", status: 503, method: "POST" });
    expect(output).toContain("/interactions/222222222222222222/:token/callback");
  });
});
