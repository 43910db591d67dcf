import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE } from "../../src/store/open.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { botEnv } from "../helpers/bot.js";
import type { BotProcess } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";
import { customIdOf, expectAlive, launchBot, recordResult, stopOrKill } from "./helpers.js";

// Scenario 4 (issue 12, item 4). A modified client sends a 30 KB answer in a modal whose field Discord
// caps at 4,000 characters, to the bot process. It is refused at once, nothing is stored or graded, and a
// bystander's command sent right behind it is answered within Discord's 3-second deadline.
// Guards: the inbound limits (src/discord/inbound.ts, applied by the router before any handler): without
// them the forged text is stored and graded (and with a quadratic pattern in the grader, blocks the
// event loop while the bystander waits).

const STRONG =
  "At Acme Foods in Columbus, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";
/** Discord's acknowledgement deadline: later, the interaction fails for the user. */
const ACK_DEADLINE_MS = 3000;

let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterAll(async () => {
  await stopOrKill(bot);
  await discord?.close();
});

describe("fault: a forged oversize modal sent to the bot process", () => {
  it("refuses it at once, stores and grades nothing, and answers a bystander promptly", async () => {
    discord = await startFakeDiscord({ waitTimeoutMs: 60_000, ackDeadlineMs: ACK_DEADLINE_MS });
    const dataDir = tempDataDir();
    ({ bot } = await launchBot(discord, botEnv(discord, dataDir)));
    const forger = discord.createUser({ username: "forger" });
    const bystander = discord.createUser({ username: "bystander" });
    // A bystander's command on a quiet bot, for comparison.
    const quiet = discord.slashCommand({ user: bystander, name: "star" });
    const quietMs = (await quiet.response()).latencyMs;

    const question = await discord
      .slashCommand({ user: forger, name: "interview", subcommand: "start", options: { questions: 1 } })
      .reply();
    const submitId = customIdOf(question, "Answer").replace(/^iv-answer\|/, "iv-submit|");
    // Lines that each look like a STAR heading: the kind of text the offline grader works hardest on.
    const huge = "- S: at our DC we cut lead time from 14 days to 6\n".repeat(620);
    expect(huge.length).toBeGreaterThanOrEqual(30_000);

    const forged = discord.submitModal({
      user: forger,
      customId: submitId,
      fields: { answer: huge },
      forge: true,
    });
    const star = discord.slashCommand({ user: bystander, name: "star" });

    const refusal = await forged.reply();
    const refusedMs = (await forged.response()).latencyMs;
    expect(refusal.flags).toBe(64);
    expect(messageText(refusal)).toContain(
      "That text is longer than Discord allows (4,000 characters a field), so nothing was saved or graded.",
    );
    expect(messageText(refusal)).not.toContain("lead time");
    const starred = await star.response();
    expect(messageText(await star.reply())).toContain("The STAR method");
    expect(starred.latencyMs).toBeLessThan(ACK_DEADLINE_MS);
    expectAlive(bot);

    // The interview still waits for a real answer, which is graded as usual.
    const click = discord.clickButton({ user: forger, message: question, label: "Answer" });
    await click.modal();
    const feedback = await discord
      .submitModal({ user: forger, from: click, fields: { answer: STRONG } })
      .reply();
    expect(messageText(feedback)).toMatch(/Feedback: \d\/5/);
    expect(discord.violations).toEqual([]);
    expectAlive(bot);
    expect(await bot.stop()).toBe(0);
    bot = undefined;

    const store = await openSqliteStore(join(dataDir, SQLITE_FILE));
    try {
      const attempts = await store.listAttempts(forger.id);
      expect(attempts.map((a) => a.answerText)).toEqual([STRONG]);
      expect(attempts[0]?.grade).not.toBeNull();
      recordResult({
        order: 4,
        scenario: "4. Forged 30 KB modal to the bot process",
        recoverMs: starred.latencyMs,
        answersLost: attempts.some((a) => a.answerText === STRONG && a.grade) ? 0 : 1,
        note: `refused in ${Math.round(refusedMs)} ms, nothing stored; bystander acked in ${Math.round(starred.latencyMs)} ms (quiet bot: ${Math.round(quietMs)} ms)`,
      });
    } finally {
      await store.close();
    }
  });
});
