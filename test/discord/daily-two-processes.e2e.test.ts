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

/** The longest this test may take: it posts and checks within one UTC day. */
const TEST_MS = 90_000;

/**
 * The processes run on the real clock and the day's post is due from 00:00 UTC: a test that crossed
 * midnight would see the next day's post come due. Close to midnight, it begins just after it instead.
 */
async function oneUtcDay(): Promise<string> {
  const now = Date.now();
  const left = 86_400_000 - (now % 86_400_000);
  if (left < TEST_MS) await new Promise((r) => setTimeout(r, left + 1_000));
  return new Date().toISOString().slice(0, 10);
}

const posted = (p: BotProcess) => p.logs().filter((l) => l.msg === "daily question posted");
const failed = (p: BotProcess) =>
  p.logs().filter((l) => l.msg === "could not post the daily question; will retry");
const announcements = () => discord.channelMessages().filter((m) => m.content.includes("Daily question"));

describe("daily question with two bot processes on one PostgreSQL", () => {
  // Its timeout: at most TEST_MS waiting for midnight to pass, then the test.
  it("posts exactly once, after a failed first post, and not again after a restart the same day", async () => {
    const day = await oneUtcDay();
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
    // At debug level each process logs an interaction it leaves to the other.
    const env = { ...botEnv(discord, tempDataDir()), DATABASE_URL: db.databaseUrl, LOG_LEVEL: "debug" };
    // Discord refuses the first announcement: whichever process claimed the day retries it with backoff.
    discord.failRequests("POST", "/channels/:channelId/messages", { status: 500, code: 0, times: 4 });
    const started = Date.now();
    processes.push(startBotProcess(env), startBotProcess(env));
    await identifies(2);
    const identified = Date.now() - started;
    const [a, b] = processes as [BotProcess, BotProcess];
    const posting = (l: Record<string, unknown>) => l.msg === "daily question posted";
    // The first of the two to log it (Promise.any: the other's wait failing later is no error).
    const post = await Promise.any([
      a.waitForLog(posting, "the daily post by A"),
      b.waitForLog(posting, "the daily post by B"),
    ]);
    expect(post.day).toBe(day);
    const firstPostMs = Date.now() - started;
    const announcement = announcements()[0];
    expect(discord.channelMessages(announcement?.id)).toHaveLength(1);
    expect(announcements()).toHaveLength(1);
    expect(discord.threads(discord.defaultChannelId)).toHaveLength(1);
    expect(posted(a).length + posted(b).length).toBe(1);
    expect(failed(a).length + failed(b).length).toBe(1);
    const running = (l: Record<string, unknown>) => l.msg === "STAR Coach is running";
    await Promise.all([a.waitForLog(running, "A running"), b.waitForLog(running, "B running")]);

    // An interaction reaches both processes; one answers it.
    const star = discord.slashCommand({ name: "star" });
    expect(messageText(await star.reply())).toContain("STAR");
    const ignored = (l: Record<string, unknown>) =>
      l.msg === "replayed interaction ignored" && l.interactionId === star.payload.id;
    await Promise.any([
      a.waitForLog(ignored, "A to leave the interaction to B"),
      b.waitForLog(ignored, "B to leave the interaction to A"),
    ]);
    expect(discord.requests.filter((r) => r.path.includes(`/interactions/${star.payload.id}/`))).toHaveLength(
      1,
    );

    // A restarted process finds today's question posted and does not post it again.
    expect(await a.stop()).toBe(0);
    const c = startBotProcess(env);
    processes.push(c);
    await c.waitForLog((l) => l.msg === "daily question already posted", "the restarted process's check");
    expect(announcements()).toHaveLength(1);
    expect(await store.groups.getDailyPost(guildId, day)).toMatchObject({
      state: "posted",
      attempts: 2,
      messageId: announcement?.id,
    });
    await store.close();
    console.info(
      `two-process daily: both identified in ${identified} ms, posted ${firstPostMs} ms after spawn after one failed attempt; posts by process A ${posted(a).length}, B ${posted(b).length}; failed attempts A ${failed(a).length}, B ${failed(b).length}; after restart still 1 post`,
    );
  }, 180_000);
});
