import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_FILE } from "../../src/discord/router.js";
import { createLogger } from "../../src/log.js";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { tempDataDir } from "../helpers/sessions.js";

const STRONG =
  "At Quillbrook Foundry in Dayton, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

/** The real store, except that storing an answer fails as a full disk would make it. */
function diskFullOnAddAttempt(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === "addAttempt")
        return async () => {
          throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
        };
      // Bound to the store itself: its methods may read its private fields.
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("storing an answer fails", () => {
  it("hands a long practice answer back as a text file, so nothing typed is lost", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir(), { wrapStore: diskFullOnAddAttempt });
    const long = `${STRONG}\n\n${"I also rebuilt the replenishment triggers @everyone with the min-max data. ".repeat(30)}`;
    expect(long.length).toBeGreaterThan(2000);
    const question = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: question, label: "Answer" });
    await click.modal();
    const submit = discord.submitModal({ from: click, fields: { answer: long } });
    const shown = await submit.reply();
    expect(shown.flags).toBe(64);
    expect(messageText(shown)).toMatch(
      /Something went wrong \(ref [0-9A-F]{8}\), and your answer may not have been saved\. Here it is/,
    );
    const response = await submit.response();
    const file = response.files.find((f) => f.name === ANSWER_FILE);
    expect(file?.data.toString("utf8")).toBe(long);
    expect((response.data.content ?? "").length).toBeLessThanOrEqual(2000);
    expect(response.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(await bot.store.listAttempts(discord.defaultUser.id)).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("hands a short interview answer back in a code block, and a structured one with its parts", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir(), { wrapStore: diskFullOnAddAttempt });
    const question = await discord
      .slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } })
      .reply();
    const click = discord.clickButton({ message: question, label: "Answer" });
    await click.modal();
    const shown = await discord.submitModal({ from: click, fields: { answer: STRONG } }).reply();
    expect(messageText(shown)).toContain("your answer may not have been saved");
    expect(shown.content).toBe(`\`\`\`\n${STRONG}\n\`\`\``);

    const structured = await discord
      .slashCommand({ name: "practice", options: { structured: true } })
      .reply();
    const open = discord.clickButton({ message: structured, label: "Answer" });
    await open.modal();
    const parts = await discord
      .submitModal({
        from: open,
        fields: { situation: "Our DC shipped late.", action: "I moved waves to every 30 minutes." },
      })
      .reply();
    expect(parts.content).toBe(
      "```\nSituation: Our DC shipped late.\n\nAction: I moved waves to every 30 minutes.\n```",
    );
    expect(discord.violations).toEqual([]);
  });
});

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ level: "trace", format: "json", destination }) };
}

describe("Discord errors in the log", () => {
  it("logs status, code, method and route of a failed request, never its token or the answer in its body", async () => {
    discord = await startFakeDiscord();
    const { lines, log } = capture();
    bot = await startTestBot(discord, tempDataDir(), { log });
    const question = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: question, label: "Answer" });
    await click.modal();
    // The feedback (which quotes the answer), the interaction's response, is refused by Discord.
    discord.failRequests("POST", "/interactions/:interactionId/:token/callback");
    const submit = discord.submitModal({ from: click, fields: { answer: STRONG } });
    const shown = await submit.reply();
    expect(messageText(shown)).toMatch(/Something went wrong \(ref ([0-9A-F]{8})\)/);
    const ref = /ref ([0-9A-F]{8})/.exec(messageText(shown))?.[1];

    // The refused request did carry the answer, and its URL the token.
    const refused = discord.requests.find((r) => r.method === "POST" && r.status === 400);
    expect(JSON.stringify(refused?.body)).toContain("Quillbrook");
    expect(refused?.path).toContain(submit.payload.token);

    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "interaction failed");
    expect(failed).toMatchObject({
      ref,
      err: {
        type: "DiscordAPIError",
        status: 400,
        code: 50035,
        method: "POST",
        route: `/interactions/${submit.payload.id}/:token/callback`,
      },
    });
    const output = lines.join("");
    expect(output).not.toContain(submit.payload.token);
    expect(output).not.toContain(click.payload.token);
    expect(output).not.toContain(discord.token);
    for (const words of ["Quillbrook", "Pareto", "short shipments"]) expect(output).not.toContain(words);
  });
});
