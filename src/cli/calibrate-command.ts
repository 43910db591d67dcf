import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { CALIBRATION_FILE, PROJECT_ROOT, readContentSources } from "../content-files.js";
import { fitCalibration } from "../core/calibration/fit.js";
import { calibrationRows } from "../core/calibration/rows.js";
import type { Calibration } from "../core/calibration/schema.js";
import { loadContent } from "../core/content/load.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";
import { featuresOf, parseLabelled, trainingFiles, weightOf } from "./labelled-files.js";

export const CALIBRATION_ID = "star-calibration";
export const CALIBRATION_VERSION = 1;

/** Fits the calibrated models on labelled files, with the rubric and lexicon as they are now. */
export function calibrate(
  files: readonly string[],
  read: (f: string) => string = (f) => readFileSync(f, "utf8"),
) {
  const content = loadContent(readContentSources(PROJECT_ROOT, { calibration: false }));
  const errors: string[] = [];
  const trained: Calibration["trained_on"] = [];
  const rows = files.flatMap((file) => {
    const { items, errors: bad } = parseLabelled(read(file));
    for (const e of bad) errors.push(`${file}: ${e}`);
    const r = calibrationRows(items, featuresOf(items, content), weightOf(file));
    trained.push({ file: relative(PROJECT_ROOT, file), answers: items.length, rows: r.length });
    return r;
  });
  const calibration = fitCalibration(rows, {
    id: CALIBRATION_ID,
    version: CALIBRATION_VERSION,
    trained_on: trained,
  });
  return { calibration, errors };
}

export const calibrateCommand: Command = {
  name: "calibrate",
  summary: "Fit the offline grader's calibrated models on labelled answers (rubrics/calibration.json)",
  usage: `star-coach calibrate [FILE ...] [--check] [--out FILE]
  FILE: labelled JSONL (see eval); default: test/fixtures/answers.jsonl and the real answers at
  $STAR_DEV_EVAL or ../shared/eval/dev.jsonl. Writes rubrics/calibration.json (or --out).
  --check: write nothing; exit 1 if the fitted models differ from the file's.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { check: { type: "boolean" }, out: { type: "string" } },
    });
    const files = positionals.length > 0 ? positionals : trainingFiles(io.env);
    let fitted: ReturnType<typeof calibrate>;
    try {
      fitted = calibrate(files);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT")
        throw new UsageError(`cannot read ${(err as NodeJS.ErrnoException).path ?? "a labelled file"}`);
      throw err;
    }
    for (const e of fitted.errors) io.stderr.write(`${e}\n`);
    const out = values.out ?? join(PROJECT_ROOT, CALIBRATION_FILE);
    const text = `${JSON.stringify(fitted.calibration, null, 2)}\n`;
    const rows = fitted.calibration.trained_on.map((t) => `${t.file} (${t.answers} answers, ${t.rows} rows)`);
    if (values.check) {
      let current: unknown = null;
      try {
        current = JSON.parse(readFileSync(out, "utf8")).models;
      } catch {
        current = null;
      }
      const same = JSON.stringify(current) === JSON.stringify(fitted.calibration.models);
      io.stdout.write(same ? `${out} is up to date\n` : `${out} differs from a fit on ${rows.join(", ")}\n`);
      return same ? 0 : 1;
    }
    writeFileSync(out, text);
    io.stdout.write(`wrote ${out}: fitted on ${rows.join(", ")}\n`);
    return fitted.errors.length > 0 ? 1 : 0;
  },
};
