import { z } from "zod";
import { CRITERIA, type CriterionId } from "../criteria.js";
import { FLAG_NAMES, type FlagName } from "../grading/types.js";
import { LevelSchema } from "../levels.js";

const Score4 = z.number().int().min(0).max(4);
const Score2 = z.number().int().min(0).max(2);
const Flags = Object.fromEntries(FLAG_NAMES.map((f) => [f, z.boolean().optional()])) as Record<
  FlagName,
  z.ZodOptional<z.ZodBoolean>
>;

/** Our own labelled set: every criterion 0–4. */
const FullLine = z.object({
  id: z.string(),
  question: z.string().min(1),
  answer: z.string(),
  level: LevelSchema.optional(),
  labels: z.object({
    ...(Object.fromEntries(CRITERIA.map((c) => [c, Score4])) as Record<CriterionId, typeof Score4>),
    ...Flags,
  }),
  overall: z.number().int().min(1).max(5),
});

const StarLabels = z.object({ situation: Score2, task: Score2, action: Score2, result: Score2, ...Flags });

/** The shared calibration format: STAR parts 0 absent, 1 thin, 2 clear; optionally a second labeller's. */
const StarLine = z.object({
  id: z.string(),
  question: z.string().min(1),
  answer: z.string(),
  level: LevelSchema.optional(),
  labels: StarLabels,
  overall: z.number().int().min(1).max(5),
  second_labeller: z.object({ labels: StarLabels, overall: z.number().int().min(1).max(5) }).optional(),
});

export type LabelScale = "0-4" | "0-2";

/** One labeller's judgement. */
export interface Rating {
  scores: Partial<Record<CriterionId, number>>;
  flags: Partial<Record<FlagName, boolean>>;
  overall: number;
}

export interface LabelledAnswer extends Rating {
  id: string;
  question: string;
  answer: string;
  level: z.infer<typeof LevelSchema> | undefined;
  scale: LabelScale;
  /** Every labeller's judgement, the first one's first (its fields are also the answer's own). */
  ratings: Rating[];
}

function rating(labels: Record<string, unknown>, overall: number): Rating {
  const scores: Partial<Record<CriterionId, number>> = {};
  const flags: Partial<Record<FlagName, boolean>> = {};
  for (const c of CRITERIA) {
    const v = labels[c];
    if (typeof v === "number") scores[c] = v;
  }
  for (const f of FLAG_NAMES) {
    const v = labels[f];
    if (typeof v === "boolean") flags[f] = v;
  }
  return { scores, flags, overall };
}

export type ParsedLine = { ok: true; item: LabelledAnswer } | { ok: false; line: number; error: string };

/** Reads one JSONL line of either labelled format; the scale is told by which criteria are labelled. */
export function parseLabelledLine(text: string, line: number): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, line, error: "not valid JSON" };
  }
  const hasFull =
    typeof raw === "object" &&
    raw !== null &&
    "labels" in raw &&
    typeof raw.labels === "object" &&
    raw.labels !== null &&
    "data_evidence" in raw.labels;
  const parsed = hasFull ? FullLine.safeParse(raw) : StarLine.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      line,
      error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    };
  }
  const d = parsed.data;
  const first = rating(d.labels, d.overall);
  const ratings = [first];
  if ("second_labeller" in d && d.second_labeller)
    ratings.push(rating(d.second_labeller.labels, d.second_labeller.overall));
  return {
    ok: true,
    item: {
      id: d.id,
      question: d.question,
      answer: d.answer,
      level: d.level,
      scale: hasFull ? "0-4" : "0-2",
      ...first,
      ratings,
    },
  };
}

/** Maps a 0–4 score to the 0/1/2 scale: 0 → 0, 1–2 → 1, 3–4 → 2. */
export function toStarScale(score: number): number {
  return score === 0 ? 0 : score <= 2 ? 1 : 2;
}
