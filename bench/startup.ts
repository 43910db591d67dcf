// Start-up benchmark: `npm run bench:startup` (also the end of `npm run bench`). Runs each program as a
// fresh process, the variants interleaved round by round so that a busy machine slows them alike, and
// prints medians side by side with `node -e 0` from the same run. `--runs N` (default 9).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { COMPILED_BIN, distIsFresh, ROOT, SOURCE_BIN } from "../test/helpers/run-cli.js";

const TARGET_HELP_RATIO = 3;
const TARGET_HELP_RSS_MB = 70;
const TARGET_GRADE_MS = 500;
const TIME = "/usr/bin/time";

interface Run {
  ms: number;
  /** Peak resident set in MB, from /usr/bin/time when there is one. */
  rssMb: number | null;
}

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const runs = Number(values.runs);

// One answer of about 300 words from the team's labelled set, as a user's file.
const dir = mkdtempSync(join(tmpdir(), "star-bench-"));
const answerFile = join(dir, "answer.txt");
const first = readFileSync(join(ROOT, "test", "fixtures", "answers.jsonl"), "utf8").split("\n")[0] ?? "{}";
writeFileSync(answerFile, (JSON.parse(first) as { answer: string }).answer);

const env: Record<string, string> = { NO_COLOR: "1", STAR_COACH_ENV_FILE: "" };
for (const key of ["PATH", "HOME", "TMPDIR"]) {
  const value = process.env[key];
  if (value !== undefined) env[key] = value;
}

function once(args: string[], expectCode = 0): Promise<Run> {
  const timed = existsSync(TIME);
  const [command, argv] = timed ? [TIME, ["-f", "%M", process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== expectCode) return reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      const kb = timed ? Number(stderr.trim().split("\n").pop()) : Number.NaN;
      resolve({ ms, rssMb: Number.isFinite(kb) ? kb / 1024 : null });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const compiled = existsSync(join(ROOT, "dist", "cli", "bin.js"));
const variants: Array<{ label: string; args: string[]; code?: number }> = [
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "star-coach --help (sources, tsx)", args: [SOURCE_BIN, "--help"] },
  ...(compiled
    ? [
        { label: "star-coach --help (compiled)", args: [COMPILED_BIN, "--help"] },
        {
          label: "star-coach grade FILE (compiled, offline)",
          args: [
            COMPILED_BIN,
            "grade",
            "--grader",
            "offline",
            "--question",
            "sch-changeover-time-reduction",
            answerFile,
          ],
        },
        // No --question: said before the grader, the content or zod load, as fast as --help.
        {
          label: "star-coach grade, bad usage (compiled)",
          args: [COMPILED_BIN, "grade", answerFile],
          code: 2,
        },
      ]
    : []),
];

if (!compiled) console.log("dist/ is missing: run npm run build to measure the compiled program.\n");
else if (!distIsFresh())
  console.log("warning: dist/ is older than src/: run npm run build for current figures.\n");

const results = new Map<string, Run[]>(variants.map((v) => [v.label, []]));
await once(["-e", "0"]); // warm the file cache
for (let round = 0; round < runs; round++) {
  for (const v of variants) results.get(v.label)?.push(await once(v.args, v.code));
}
rmSync(dir, { recursive: true, force: true });

const base = median((results.get("node -e 0") ?? []).map((r) => r.ms));
console.log(
  `start-up: median of ${runs} runs each, interleaved; ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(`${"".padEnd(44)}wall ms   × node -e 0   peak RSS MB`);
for (const v of variants) {
  const rs = results.get(v.label) ?? [];
  const ms = median(rs.map((r) => r.ms));
  const rss = rs.every((r) => r.rssMb !== null) ? median(rs.map((r) => r.rssMb ?? 0)).toFixed(0) : "n/a";
  console.log(
    `${v.label.padEnd(44)}${ms.toFixed(0).padStart(7)}   ${(ms / base).toFixed(1).padStart(11)}   ${rss.padStart(11)}`,
  );
}
console.log(
  `targets: compiled --help (and a grade's usage error) within ${TARGET_HELP_RATIO}× node -e 0 and under ${TARGET_HELP_RSS_MB} MB; grading one answer from a file under ${TARGET_GRADE_MS} ms`,
);
