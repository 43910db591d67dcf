// Discord load: a burst of interactions and a steady rate, from the fake gateway to the real bot.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeUser, startFakeDiscord } from "../test/fake-discord/index.js";
import { startTestBot } from "../test/helpers/bot.js";
import { percentile } from "./grader.js";

export interface LoadFigures {
  label: string;
  sent: number;
  acknowledged: number;
  p50: number;
  p99: number;
}

async function settle(
  handles: Array<{ response(): Promise<{ latencyMs: number }> }>,
  label: string,
): Promise<LoadFigures> {
  const results = await Promise.allSettled(handles.map((h) => h.response()));
  const latencies = results
    .flatMap((r) => (r.status === "fulfilled" ? [r.value.latencyMs] : []))
    .sort((a, b) => a - b);
  return {
    label,
    sent: handles.length,
    acknowledged: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function benchDiscord(): Promise<{ load: LoadFigures[]; rssMb: number }> {
  const discord = await startFakeDiscord({ waitTimeoutMs: 60_000 });
  const bot = await startTestBot(discord, mkdtempSync(join(tmpdir(), "star-bench-")), {
    env: { GRADE_COOLDOWN_SECONDS: "0" },
  });
  const users = Array.from({ length: 50 }, (_, i) => discord.createUser({ username: `user${i}` }));
  const pick = (i: number) => users[i % users.length] as FakeUser;
  const load: LoadFigures[] = [];
  const burst = Array.from({ length: 500 }, (_, i) =>
    i % 2 === 0
      ? discord.slashCommand({ user: pick(i), name: "star" })
      : discord.slashCommand({ user: pick(i), name: "practice" }),
  );
  load.push(await settle(burst, "burst of 500 at once"));
  const steady: Array<ReturnType<typeof discord.slashCommand>> = [];
  const start = Date.now();
  for (let second = 0; second < 10; second++) {
    for (let k = 0; k < 200; k++)
      steady.push(discord.slashCommand({ user: pick(k), name: k % 2 ? "star" : "practice" }));
    const wait = start + (second + 1) * 1000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  load.push(await settle(steady, "steady 200/s for 10 s"));
  const sessions = Array.from({ length: 1000 }, (_, i) =>
    discord.slashCommand({
      user: discord.createUser({ username: `s${i}` }),
      name: "interview",
      subcommand: "start",
      options: { questions: 3 },
    }),
  );
  await Promise.all(sessions.map((s) => s.reply()));
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1e6;
  await bot.stop();
  await discord.close();
  return { load, rssMb };
}
