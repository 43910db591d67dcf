import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { botEnv } from "../helpers/bot.js";
import type { BotProcess } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";
import { customIdOf, expectAlive, launchBot, recordResult, stopOrKill } from "./helpers.js";

// Scenario 5 (issue 12, item 12). A moderator of server B forges the custom ids of a group round of
// server A (read a shared answer, answer into it, share, rate, close) and sends them to the bot process
// from B. Every one is refused; nothing of A's answers reaches B; the round is as it was.
// Guards: the server check on every round id taken from a custom id (openRound, answer, reviewable,
// mayClose in src/discord/components/group-handlers.ts and src/sessions/group-service.ts): without it
// the forged review shows A's shared answer to B, and the forged close closes A's round.

const ANA_ANSWER =
  "At Acme Foods in Columbus, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";
const REFUSED = "That round belongs to another server.";

let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterAll(async () => {
  await stopOrKill(bot);
  await discord?.close();
});

describe("fault: a forged round id from another server, sent to the bot process", () => {
  it("refuses every action on the round, and nothing of server A reaches server B", async () => {
    discord = await startFakeDiscord({
      guilds: [{ name: "Server A" }, { name: "Server B" }],
      waitTimeoutMs: 60_000,
    });
    const dataDir = tempDataDir();
    ({ bot } = await launchBot(discord, botEnv(discord, dataDir)));
    const [a, b] = discord.guilds;
    if (!a || !b) throw new Error("two guilds expected");
    const ana = discord.createUser({ username: "ana" });
    const eve = discord.createUser({
      username: "eve",
      permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages,
    });

    // ana's round in server A, her answer shared as written.
    await discord.slashCommand({ user: ana, name: "group", subcommand: "start", guildId: a.id }).reply();
    const thread = discord.threads(a.channelIds[0]).at(-1);
    const roundQuestion = thread ? discord.channelMessages(thread.id)[0] : undefined;
    if (!roundQuestion) throw new Error("no round question");
    const roundId = customIdOf(roundQuestion, "Answer").split("|")[1] ?? "";
    const click = discord.clickButton({ user: ana, message: roundQuestion, label: "Answer" });
    await click.modal();
    const anaFeedback = await discord
      .submitModal({ user: ana, from: click, fields: { answer: ANA_ANSWER } })
      .reply();
    await discord.clickButton({ user: ana, message: anaFeedback, label: "Share as written" }).response();

    // eve's own message in server B to "click" the forged ids on.
    const base = await discord.slashCommand({ user: eve, name: "practice", guildId: b.id }).reply();
    const started = Date.now();
    const forgedClick = async (customId: string) =>
      messageText(
        (await discord?.clickButton({ user: eve, message: base, customId, forge: true }).reply()) as never,
      );
    const refusals = [
      await forgedClick(`gr-review|${roundId}`),
      await forgedClick(`gr-answer|${roundId}|0`),
      await forgedClick(`gr-answer|${roundId}|1`),
      await forgedClick(`gr-share|${roundId}|verbatim`),
      await forgedClick(`gr-close|${roundId}`),
      messageText(
        await discord
          .selectMenu({
            user: eve,
            message: base,
            customId: `gr-rate|${roundId}|${ana.id}|situation`,
            values: ["0"],
            forge: true,
          })
          .reply(),
      ),
      messageText(
        await discord
          .submitModal({
            user: eve,
            guildId: b.id,
            customId: `gr-submit|${roundId}`,
            fields: { answer: "Eve's answer, sent into a round of another server." },
            forge: true,
          })
          .reply(),
      ),
    ];
    const refusedMs = Date.now() - started;
    for (const text of refusals) expect(text).toContain(REFUSED);
    expectAlive(bot);

    // Nothing of ana's answer reached eve, in any message she was sent.
    const toEve = discord
      .interactions()
      .filter((i) => i.record.userId === eve.id)
      .flatMap((i) => [i.original(), ...i.record.followUpIds.map((id) => discord?.message(id))]);
    const leaked = toEve.filter((m) => m && /Acme|Columbus|Pareto/.test(messageText(m)));
    expect(leaked).toEqual([]);
    // Nor to server B's channels.
    for (const channelId of b.channelIds)
      for (const m of discord.channelMessages(channelId)) expect(messageText(m)).not.toMatch(/Acme|Columbus/);
    expect(discord.violations).toEqual([]);
    expect(await bot.stop()).toBe(0);
    bot = undefined;

    const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
    try {
      const round = await store.groups.getRound(roundId);
      expect(round).toMatchObject({ status: "open", guildId: a.id });
      expect((await store.groups.listEntries(roundId)).map((e) => e.userId)).toEqual([ana.id]);
      expect(await store.groups.listRatings(roundId)).toEqual([]);
      expect(await store.listAttempts(eve.id)).toEqual([]);
      const anas = await store.listAttempts(ana.id);
      expect(anas.map((x) => x.answerText)).toEqual([ANA_ANSWER]);
      recordResult({
        order: 5,
        scenario: "5. Forged round id from another server",
        recoverMs: null,
        answersLost: anas.length === 1 ? 0 : 1,
        note: `7 forged actions refused in ${refusedMs} ms in all; nothing leaked; round open, 1 entry, 0 ratings`,
      });
    } finally {
      await store.close();
    }
  });
});
