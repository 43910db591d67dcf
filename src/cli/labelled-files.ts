import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../content-files.js";
import type { Features } from "../core/calibration/features.js";
import { FULL_WEIGHT, type RowWeight } from "../core/calibration/fit.js";
import type { Content } from "../core/content/load.js";
import type { LabelledSet } from "../core/eval/cross-validate.js";
import { type LabelledAnswer, parseLabelledLine } from "../core/eval/dataset.js";
import { type GradeInput, gradeWithEvidence } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";

/** The team's own labelled answers (criteria 0–4). */
export const OWN_LABELLED_FILE = join(PROJECT_ROOT, "test", "fixtures", "answers.jsonl");

/**
 * The real answers labelled by two people, kept outside the project (other people's writing):
 * `STAR_DEV_EVAL`, else ../shared/eval/dev.jsonl beside the project.
 */
export function devEvalFile(env: Record<string, string | undefined>): string | null {
  const candidates = [env.STAR_DEV_EVAL, join(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl")];
  for (const c of candidates) if (c && existsSync(c)) return resolve(c);
  return null;
}

/** What the shipped calibration is fitted on: our own set, and the real answers when they are here. */
export function trainingFiles(env: Record<string, string | undefined>): string[] {
  const dev = devEvalFile(env);
  return dev ? [OWN_LABELLED_FILE, dev] : [OWN_LABELLED_FILE];
}

/**
 * How much the team's own labelled answers count beside the real ones. For the STAR parts they count
 * more (one label each on the 0–4 anchors, consistent with each other); for the flags less, since
 * they are written more like each other than real answers are. Chosen by repeated shuffled-split
 * cross-validation (`eval --cv --repeat`), checked on splits not used to choose it.
 */
export const OWN_SET_WEIGHT: RowWeight = { parts: 1.5, flags: 0.5 };
export const weightOf = (file: string): RowWeight =>
  resolve(file) === resolve(OWN_LABELLED_FILE) ? OWN_SET_WEIGHT : FULL_WEIGHT;

export function parseLabelled(text: string): { items: LabelledAnswer[]; errors: string[] } {
  const items: LabelledAnswer[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseLabelledLine(line, i + 1);
    if (parsed.ok) items.push(parsed.item);
    else errors.push(`line ${parsed.line}: ${parsed.error}`);
  });
  return { items, errors };
}

export function inputOf(item: LabelledAnswer, content: Content): GradeInput {
  const resolved = resolveQuestion(item.question, content.bank, item.level ?? "entry");
  return { answer: item.answer, question: resolved.ref, level: item.level ?? resolved.level };
}

/** The features the calibrated models read, for each answer (graded without calibration). */
export function featuresOf(items: readonly LabelledAnswer[], content: Content): Features[] {
  const uncalibrated = { ...content, calibration: null };
  return items.map((item) => gradeWithEvidence(inputOf(item, content), uncalibrated).features);
}

export function labelledSet(
  items: readonly LabelledAnswer[],
  content: Content,
  weight: RowWeight,
): LabelledSet {
  return { items, features: featuresOf(items, content), weight };
}
