import { afterEach, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/open.js";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { botEnv } from "../helpers/bot.js";
import { type BotProcess, startBotProcess, tempSchema } from "../helpers/bot-process.js";
import { tempDataDir } from "../helpers/sessions.js";

// Two bot processes on one PostgreSQL database, both connected to the fake Discord: the daily question
// must be posted once. Runs when TEST_DATABASE_URL is set (.ci/run always sets it).
const url = process.env.TEST_DATABASE_URL as string;

let discord: FakeDiscord;
const processes: BotProcess[] = [];
const drops: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop()));
  await discord?.close();
  for (const drop of drops.splice(0)) await drop();
});

/** Starting a process (tsx, migrations, login) takes seconds: longer than the fake's default wait. */
const identifies = (n: number) =>
  discord.waitFor(() => (discord.identifies.length >= n ? true : undefined), `${n} IDENTIFYs`, 30_000);

const posted = (p: BotProcess) => p.logs().filter((l) => l.msg === "daily question posted");
const lost = (p: BotProcess) => p.logs().filter((l) => l.msg === "daily question already claimed elsewhere");

describe("daily question with two bot processes on one PostgreSQL", () => {
  it("posts exactly once, and not again after a restart the same day", async () => {
    discord = await startFakeDiscord();
    const db = await tempSchema(url);
    drops.push(db.drop);
    const guildId = discord.guilds[0]?.id ?? "";
    const store = await openPostgresStore(url, { schema: db.schema, max: 2 });
    // Set yesterday for 00:00 UTC: due today from the moment either process is ready.
    await store.groups.saveDaily({
      guildId,
      channelId: discord.defaultChannelId,
      time: "00:00",
      focus: null,
      level: "mid",
      minutes: 60,
      setBy: "1",
      updatedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const env = { ...botEnv(discord, tempDataDir()), DATABASE_URL: db.databaseUrl };
    const started = Date.now();
    processes.push(startBotProcess(env), startBotProcess(env));
    await identifies(2);
    const identified = Date.now() - started;
    const announcement = await discord.waitFor(
      () => discord.channelMessages().find((m) => m.content.includes("Daily question")),
      "the daily post",
      30_000,
    );
    const firstPostMs = Date.now() - started;
    await discord.waitFor(() => discord.channelMessages(announcement.id)[0], "the question in the thread");
    // Both processes have ticked at least once more by now (each ticks on ready; give the slower one time).
    await new Promise((r) => setTimeout(r, 2_000));
    expect(discord.channelMessages().filter((m) => m.content.includes("Daily question"))).toHaveLength(1);
    expect(discord.threads(discord.defaultChannelId)).toHaveLength(1);
    const [a, b] = processes as [BotProcess, BotProcess];
    expect(posted(a).length + posted(b).length).toBe(1);
    // Both processes tried: one claim won, the other found it taken.
    expect(lost(a).length + lost(b).length).toBe(1);
    expect(a.logs().some((l) => l.msg === "STAR Coach is running")).toBe(true);
    expect(b.logs().some((l) => l.msg === "STAR Coach is running")).toBe(true);

    // An interaction reaches both processes; one answers it.
    const star = discord.slashCommand({ name: "star" });
    expect(messageText(await star.reply())).toContain("STAR");
    await new Promise((r) => setTimeout(r, 500));
    expect(discord.requests.filter((r) => r.path.includes(`/interactions/${star.payload.id}/`))).toHaveLength(
      1,
    );

    // A restarted process does not post today's question again.
    expect(await a.stop()).toBe(0);
    processes.push(startBotProcess(env));
    await identifies(3);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(discord.channelMessages().filter((m) => m.content.includes("Daily question"))).toHaveLength(1);
    const claims = await store.groups.claimDailyPost(
      guildId,
      new Date().toISOString().slice(0, 10),
      "test",
      new Date().toISOString(),
    );
    expect(claims).toBe(false);
    await store.close();
    console.info(
      `two-process daily: both identified in ${identified} ms, one post ${firstPostMs} ms after spawn; posts by process A ${posted(a).length}, B ${posted(b).length}; claims lost A ${lost(a).length}, B ${lost(b).length}; after restart still 1 post`,
    );
  }, 90_000);
});
