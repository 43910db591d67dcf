// Discord under load: `npm run bench:discord`. The fake Discord and the load generator run in this
// process; the bot under test runs as its own process, as users run it (`star-coach start`, compiled,
// SQLite), and so does a minimal discord.js bot (bench/minimal-bot.js), in the same scenarios of the same
// run, interleaved, so that a busy machine slows both alike. Commands are sent evenly spaced (a rate) or
// all at once (a burst). `--rounds N` (default 1) repeats everything; `--only KEY` runs one scenario;
// `--bin PATH` measures another build's bin/star-coach.js (to compare a change with what it replaces);
// `--node-options="..."` starts our bot with them (e.g. `--node-options="--cpu-prof --cpu-prof-dir=DIR"`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { registerCommands } from "../src/discord/register.js";
import {
  type FakeDiscord,
  type FakeUser,
  type InteractionHandle,
  type SlashCommandInput,
  startFakeDiscord,
} from "../test/fake-discord/index.js";
import { COMPILED_BIN, distIsFresh, ROOT } from "../test/helpers/run-cli.js";
import { percentile } from "./grader.js";

/** Discord's window for the first response to an interaction (the fake refuses later ones, as Discord does). */
const ACK_DEADLINE_MS = 3_000;
/** How long after the last command a run waits for replies still on their way. */
const DRAIN_MS = 20_000;

type BotKind = "ours" | "minimal" | "minimal-defer";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "1" },
    only: { type: "string" },
    bin: { type: "string", default: COMPILED_BIN },
    "node-options": { type: "string" },
  },
});
const BIN = resolve(values.bin);
const BIN_ROOT = dirname(dirname(BIN));

const BOTS: Record<BotKind, { label: string; args: string[]; env: Record<string, string> }> = {
  ours: {
    label: "STAR Coach",
    args: [...(values["node-options"]?.split(" ").filter(Boolean) ?? []), BIN, "start"],
    env: {},
  },
  minimal: {
    label: "minimal, reply",
    args: [join(ROOT, "bench", "minimal-bot.js")],
    env: { MINIMAL_MODE: "reply" },
  },
  "minimal-defer": {
    label: "minimal, defer+edit",
    args: [join(ROOT, "bench", "minimal-bot.js")],
    env: { MINIMAL_MODE: "defer" },
  },
};

interface Scenario {
  key: string;
  label: string;
  /** Commands per second, evenly spaced; `null` sends them all at once. */
  rate: number | null;
  count: number;
  command: (user: FakeUser) => SlashCommandInput;
  bots: BotKind[];
  /** Read the bot's RSS once every reply is in. */
  rss?: boolean;
}

const interviewStart = (user: FakeUser): SlashCommandInput => ({
  user,
  name: "interview",
  subcommand: "start",
  options: { questions: 3 },
});

const SCENARIOS: Scenario[] = [
  {
    key: "visible",
    label: "/interview start, 100/s for 10 s (new users)",
    rate: 100,
    count: 1000,
    command: interviewStart,
    bots: ["ours", "minimal", "minimal-defer"],
    rss: true,
  },
  {
    key: "burst",
    label: "/interview start, burst of 1,000 at once",
    rate: null,
    count: 1000,
    command: interviewStart,
    bots: ["ours", "minimal"],
  },
  {
    key: "steady",
    label: "/interview start, 200/s for 10 s",
    rate: 200,
    count: 2000,
    command: interviewStart,
    bots: ["ours", "minimal"],
  },
  {
    key: "deferred",
    label: "a deferred reply (ours: /mydata export), 100/s for 5 s",
    rate: 100,
    count: 500,
    command: (user) => ({ user, name: "mydata", subcommand: "export" }),
    bots: ["ours", "minimal-defer"],
  },
];

interface Run {
  scenario: string;
  bot: BotKind;
  sent: number;
  /** Achieved dispatch rate, commands per second. */
  rate: number;
  acked: number;
  ack: number[];
  visible: number[];
  rssMb: number | null;
  readyCpuMs: number | null;
  readyWallMs: number;
  violations: number;
  /** The first refusal, to say why. */
  refusal: string | null;
}

// ── The bot as a process ───────────────────────────────────────────────────────────────────────────

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process so far (all its threads), from /proc; null off Linux. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

interface BotProcess {
  child: ChildProcess;
  readyCpuMs: number | null;
  readyWallMs: number;
  stop(): Promise<void>;
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1", STAR_COACH_ENV_FILE: "" };
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

function startBot(kind: BotKind, discord: FakeDiscord, dataDir: string): Promise<BotProcess> {
  const bot = BOTS[kind];
  const env = {
    ...baseEnv(),
    DISCORD_TOKEN: discord.token,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_BASE: discord.apiBase,
    DATA_DIR: dataDir,
    GRADE_COOLDOWN_SECONDS: "0",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    ...bot.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, bot.args, { cwd: BIN_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let partial = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${bot.label} was not ready after 60 s\n${stderr.slice(-2000)}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${bot.label} exited (${code}) before it was ready\n${stderr.slice(-2000)}`));
    });
    child.stdout?.on("data", (d: Buffer) => {
      partial += d.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"connected to Discord"')) continue;
        const pid = child.pid ?? 0;
        clearTimeout(timer);
        resolve({ child, readyCpuMs: cpuMs(pid), readyWallMs: performance.now() - started, stop });
      }
    });
  });
}

// ── Load ───────────────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(
  discord: FakeDiscord,
  scenario: Scenario,
  users: FakeUser[],
): Promise<InteractionHandle[]> {
  const handles: InteractionHandle[] = [];
  const start = performance.now();
  for (const [i, user] of users.entries()) {
    if (scenario.rate !== null) {
      const wait = start + (i * 1000) / scenario.rate - performance.now();
      if (wait >= 1) await sleep(wait);
    }
    handles.push(discord.slashCommand(scenario.command(user)));
  }
  return handles;
}

const DEFERRED = 5;

/**
 * Notes when each interaction's reply first changes through its webhook (an edit of `@original` or a
 * follow-up, after a deferral), as the fake handles each request: started before the first command, so
 * that no time is read late.
 */
function watchWebhooks(discord: FakeDiscord) {
  const shownAt = new Map<string, number>();
  let scanned = discord.requests.length;
  let stopped = false;
  const scan = () => {
    const requests = discord.requests;
    for (; scanned < requests.length; scanned++) {
      const r = requests[scanned];
      if (!r || r.status < 200 || r.status >= 300 || !r.route?.startsWith("/webhooks/")) continue;
      const token = r.path.split("/")[3] ?? "";
      if (!shownAt.has(token)) shownAt.set(token, performance.now());
    }
    return stopped ? true : undefined;
  };
  void discord.waitFor(scan, "the end of the run", 3_600_000).catch(() => undefined);
  return {
    shownAt,
    scan,
    stop() {
      stopped = true;
      scan();
    },
  };
}

/** Waits for every command's visible reply: the callback itself or, after a deferral, its first edit. */
async function replies(
  discord: FakeDiscord,
  handles: InteractionHandle[],
  watch: ReturnType<typeof watchWebhooks>,
): Promise<{ ack: number[]; visible: number[] }> {
  const settled = (h: InteractionHandle) =>
    h.record.callback !== undefined &&
    (h.record.callback.type !== DEFERRED || watch.shownAt.has(h.record.token));
  await discord
    .waitFor(
      () => {
        watch.scan();
        return handles.every(settled) ? true : undefined;
      },
      "every visible reply",
      DRAIN_MS + (handles.length * 1000) / 100,
    )
    .catch(() => undefined);
  watch.stop();
  const ack: number[] = [];
  const visible: number[] = [];
  for (const h of handles) {
    const callback = h.record.callback;
    if (!callback) continue;
    ack.push(callback.latencyMs);
    const shown =
      callback.type === DEFERRED
        ? watch.shownAt.get(h.record.token)
        : h.record.dispatchedAt + callback.latencyMs;
    if (shown !== undefined) visible.push(shown - h.record.dispatchedAt);
  }
  return { ack: ack.sort((a, b) => a - b), visible: visible.sort((a, b) => a - b) };
}

async function runOne(scenario: Scenario, kind: BotKind, template: string): Promise<Run> {
  const discord = await startFakeDiscord({ waitTimeoutMs: 60_000, ackDeadlineMs: ACK_DEADLINE_MS });
  const dataDir = mkdtempSync(join(tmpdir(), "star-bench-discord-"));
  cpSync(template, dataDir, { recursive: true });
  let bot: BotProcess | undefined;
  try {
    await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      guildId: discord.guilds[0]?.id,
      apiBase: discord.apiBase,
    });
    bot = await startBot(kind, discord, dataDir);
    await discord.waitForIdentify(1, 30_000);
    const users = Array.from({ length: scenario.count }, (_, i) =>
      discord.createUser({ username: `${scenario.key}${i}` }),
    );
    await sleep(500);
    const watch = watchWebhooks(discord);
    const handles = await send(discord, scenario, users);
    const first = handles[0]?.record.dispatchedAt ?? 0;
    const last = handles.at(-1)?.record.dispatchedAt ?? 0;
    const { ack, visible } = await replies(discord, handles, watch);
    let rss: number | null = null;
    if (scenario.rss) {
      await sleep(1_000);
      rss = rssMb(bot.child.pid ?? 0);
    }
    return {
      scenario: scenario.key,
      bot: kind,
      sent: handles.length,
      rate: last > first ? ((handles.length - 1) * 1000) / (last - first) : Number.POSITIVE_INFINITY,
      acked: ack.filter((ms) => ms <= ACK_DEADLINE_MS).length,
      ack,
      visible,
      rssMb: rss,
      readyCpuMs: bot.readyCpuMs,
      readyWallMs: bot.readyWallMs,
      violations: discord.violations.length,
      refusal: discord.violations[0]
        ? `${discord.violations[0].method} ${discord.violations[0].route} ${discord.violations[0].code} ${discord.violations[0].message}`
        : null,
    };
  } finally {
    await bot?.stop();
    await discord.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ── Report ─────────────────────────────────────────────────────────────────────────────────────────

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(digits);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function describe(run: Run): string {
  const parts = [
    `${BOTS[run.bot].label.padEnd(20)} sent ${run.sent} at ${Number.isFinite(run.rate) ? `${fmt(run.rate)}/s` : "once"}`,
    `acked ${run.acked}`,
    `ack p50 ${fmt(percentile(run.ack, 50), 1)} p99 ${fmt(percentile(run.ack, 99), 1)} ms`,
    `visible p50 ${fmt(percentile(run.visible, 50), 1)} p99 ${fmt(percentile(run.visible, 99), 1)} ms`,
  ];
  if (run.rssMb !== null) parts.push(`RSS ${fmt(run.rssMb)} MB`);
  if (run.violations > 0) parts.push(`${run.violations} refused by Discord, first: ${run.refusal}`);
  return `  ${parts.join(", ")}`;
}

function summary(runs: Run[]): string[] {
  const of = (scenario: string, bot: BotKind) => runs.filter((r) => r.scenario === scenario && r.bot === bot);
  const med = (scenario: string, bot: BotKind, pick: (r: Run) => number | null) => {
    const xs = of(scenario, bot)
      .map(pick)
      .filter((x): x is number => x !== null);
    return xs.length > 0 ? median(xs) : null;
  };
  const rows: Array<[string, number | null, number | null, string]> = [
    [
      "visible reply p50 ms, 100/s",
      med("visible", "ours", (r) => percentile(r.visible, 50)),
      med("visible", "minimal", (r) => percentile(r.visible, 50)),
      "",
    ],
    [
      "visible reply p99 ms, 100/s",
      med("visible", "ours", (r) => percentile(r.visible, 99)),
      med("visible", "minimal", (r) => percentile(r.visible, 99)),
      "ours < 100 ms",
    ],
    [
      "acknowledged of a 1,000 burst, ≤ 3 s",
      med("burst", "ours", (r) => r.acked),
      med("burst", "minimal", (r) => r.acked),
      "1,000",
    ],
    [
      "ack p99 ms, 200/s evenly spaced",
      med("steady", "ours", (r) => percentile(r.ack, 99)),
      med("steady", "minimal", (r) => percentile(r.ack, 99)),
      "≤ 1.5×",
    ],
    [
      "RSS MB after 1,000 /interview start",
      med("visible", "ours", (r) => r.rssMb),
      med("visible", "minimal", (r) => r.rssMb),
      "≤ 1.25×",
    ],
    [
      "CPU ms, start to ready",
      median(runs.filter((r) => r.bot === "ours" && r.readyCpuMs !== null).map((r) => r.readyCpuMs ?? 0)),
      median(runs.filter((r) => r.bot !== "ours" && r.readyCpuMs !== null).map((r) => r.readyCpuMs ?? 0)),
      "≤ 2×",
    ],
    [
      "wall ms, start to ready",
      median(runs.filter((r) => r.bot === "ours").map((r) => r.readyWallMs)),
      median(runs.filter((r) => r.bot !== "ours").map((r) => r.readyWallMs)),
      "",
    ],
  ];
  const lines = [
    `${"".padEnd(40)}${"STAR Coach".padStart(12)}${"minimal".padStart(10)}${"ratio".padStart(10)}   target`,
  ];
  for (const [label, ours, minimal, target] of rows) {
    const ratio = ours !== null && minimal !== null && minimal > 0 ? `${(ours / minimal).toFixed(2)}×` : "";
    lines.push(
      `${label.padEnd(40)}${fmt(ours, ours !== null && ours < 10 ? 1 : 0).padStart(12)}${fmt(minimal, minimal !== null && minimal < 10 ? 1 : 0).padStart(10)}${ratio.padStart(10)}   ${target}`,
    );
  }
  return lines;
}

// ── Main ───────────────────────────────────────────────────────────────────────────────────────────

const rounds = Number(values.rounds);
const scenarios = SCENARIOS.filter((s) => values.only === undefined || s.key === values.only);
if (!existsSync(join(BIN_ROOT, "dist", "cli", "bin.js"))) {
  console.error(
    `${BIN_ROOT}/dist is missing: run npm run build first (the bot is measured as users run it).`,
  );
  process.exit(1);
}
if (!distIsFresh(BIN_ROOT))
  console.log(`warning: ${BIN_ROOT}/dist is older than its src/: run npm run build for current figures.\n`);

// A store already migrated (by the build under test), copied for each run: a bot's start is measured as
// a restart, not a first start.
const template = mkdtempSync(join(tmpdir(), "star-bench-template-"));
const { openSqliteStore } = (await import(
  pathToFileURL(join(BIN_ROOT, "dist", "store", "open.js")).href
)) as typeof import("../src/store/open.js");
await (await openSqliteStore(join(template, "star-coach.db"))).close();

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(
  `Discord: ${cpus().length} cores, load average ${load()}; node ${process.version}; the fake Discord in this process, each bot in its own`,
);
const runs: Run[] = [];
for (let round = 0; round < rounds; round++) {
  for (const scenario of scenarios) {
    console.log(`\n${scenario.label}${rounds > 1 ? ` (round ${round + 1})` : ""}`);
    // Alternate who goes first, so that neither always runs on the warmer (or busier) machine.
    const order = round % 2 === 0 ? scenario.bots : [...scenario.bots].reverse();
    for (const kind of order) {
      const run = await runOne(scenario, kind, template);
      runs.push(run);
      console.log(describe(run));
    }
  }
}
rmSync(template, { recursive: true, force: true });
console.log(`\nSummary${rounds > 1 ? ` (medians of ${rounds} rounds)` : ""}; load average now ${load()}`);
for (const line of summary(runs)) console.log(line);
