import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { RUNS_COMPILED } from "../helpers/run-cli.js";
import type { FaultResult } from "./helpers.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The JSON-lines file each scenario appends its numbers to; printed as a table at the end. */
    faultsResults: string;
  }
}

function table(results: FaultResult[]): string {
  const rows = results.map((r) => [
    r.scenario,
    r.recoverMs === null ? "—" : String(Math.round(r.recoverMs)),
    String(r.answersLost),
    r.note,
  ]);
  const head = ["scenario", "time to recover (ms)", "answers lost", "outcome"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export default function setup(project: TestProject) {
  // The processes run dist/ when it is a build of the current sources, else the sources through tsx
  // (test/helpers/run-cli.ts): say which, since timings differ.
  process.stdout.write(
    `fault suite: running the ${RUNS_COMPILED ? "compiled program (dist/)" : "sources through tsx (dist/ is stale or missing)"}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), "star-faults-"));
  const file = join(dir, "results.jsonl");
  project.provide("faultsResults", file);
  return () => {
    const results = existsSync(file)
      ? readFileSync(file, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as FaultResult)
          .sort((a, b) => a.order - b.order)
      : [];
    console.log(`\nFault suite summary (${results.length} rows)\n${table(results)}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
