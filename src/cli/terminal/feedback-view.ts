import { CRITERIA, CRITERION_LABELS } from "../../core/criteria.js";
import { deliveryFeedback, deliverySummary } from "../../core/delivery/delivery.js";
import type { Grade } from "../../core/grading/types.js";
import { count } from "../../core/text/plural.js";
import type { Paint } from "../io.js";
import { safeText } from "./sanitize.js";
import { displayWidth, wrapLine } from "./wrap.js";

const BAR = ["○○○○", "●○○○", "●●○○", "●●●○", "●●●●"];
const LABEL_WIDTH = 14;

const scoreColour = (score: number) => (score <= 1 ? "red" : score === 2 ? "yellow" : "green");
const overallColour = (overall: number) => (overall <= 2 ? "red" : overall === 3 ? "yellow" : "green");

/** Every text a grader wrote (an LLM's included) as it may reach a terminal: on one line, nothing hidden. */
const clean = (text: string) => safeText(text).replace(/\s+/g, " ").trim();

/** Cuts a line to `width` columns at a word, with an ellipsis. */
function cut(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const [first = ""] = wrapLine(text, width - 1);
  return `${first.trimEnd()}…`;
}

export interface FeedbackView {
  grade: Grade;
  /** The attempt this one revises: scores show the change. */
  previous: Grade | null;
  paint: Paint;
  width: number;
}

function header(v: FeedbackView): string {
  const { grade, paint } = v;
  const was = v.previous ? paint("dim", ` (was ${v.previous.overall}/5)`) : "";
  // A voice answer's real length; a typed answer's estimate from its words.
  const seconds = grade.delivery?.duration_s ?? null;
  const spoken =
    seconds !== null
      ? `${Math.round(seconds / 6) / 10} min spoken`
      : `~${Math.round(grade.stats.speaking_seconds / 6) / 10} min spoken`;
  return `${paint("bold", "Overall")} ${paint(["bold", overallColour(grade.overall)], `${grade.overall}/5`)}${was}  ${paint("dim", `${grade.level} level · ${count(grade.stats.words, "word")} · ${spoken}`)}`;
}

/**
 * A voice answer's delivery (nothing for a typed answer): the figures on one line, then at most `max`
 * lines of advice; a null `max` leaves the delivery out.
 */
function deliveryLines(v: FeedbackView, max: number | null): string[] {
  const d = v.grade.delivery;
  if (!d || max === null) return [];
  return [
    ...wrapLine(`${v.paint("bold", "Delivery:")} ${deliverySummary(d)}`, v.width, 10),
    ...deliveryFeedback(d)
      .slice(0, max)
      .flatMap((l) => wrapLine(`  - ${clean(l)}`, v.width, 4)),
  ];
}

/** A criterion's line: label, bar, score (and its change), then its note, wrapped or cut to one line. */
function criterionLines(v: FeedbackView, c: (typeof CRITERIA)[number], noteLines: number): string[] {
  const { grade, paint, width } = v;
  const g = grade.criteria[c];
  const before = v.previous?.criteria[c].score;
  const delta = before === undefined ? "" : g.score - before;
  const change =
    delta === ""
      ? ""
      : delta > 0
        ? paint("green", ` +${delta}`)
        : delta < 0
          ? paint("red", ` ${delta}`)
          : paint("dim", " =");
  const lead = `${CRITERION_LABELS[c].padEnd(LABEL_WIDTH)} ${paint(scoreColour(g.score), BAR[g.score] ?? "")} ${g.score}/4${change}  `;
  const hang = displayWidth(lead);
  const note = clean(g.note);
  if (noteLines >= 2 || hang + displayWidth(note) <= width) {
    const lines = wrapLine(`${lead}${note}`, width, hang);
    if (lines.length <= noteLines) return lines;
  }
  return [`${lead}${cut(note, width - hang)}`];
}

interface Budget {
  noteLines: number;
  notices: number;
  missing: number;
  tips: number;
  /** Lines of delivery advice under a voice answer's figures; null: not even the figures. */
  delivery: number | null;
}

/** From the most to the least said: the first that fits the screen is used. */
const BUDGETS: readonly Budget[] = [
  { noteLines: 2, notices: 3, missing: 3, tips: 2, delivery: 5 },
  { noteLines: 1, notices: 2, missing: 2, tips: 1, delivery: 2 },
  { noteLines: 1, notices: 1, missing: 1, tips: 0, delivery: 0 },
  { noteLines: 1, notices: 0, missing: 0, tips: 0, delivery: null },
];

function compactWith(v: FeedbackView, b: Budget): string[] {
  const { grade, paint, width } = v;
  const wrap = (text: string, hang: number) => wrapLine(text, width, hang);
  const out = wrap(header(v), 0);
  for (const n of grade.notices.slice(0, b.notices)) out.push(...wrap(paint("yellow", `! ${clean(n)}`), 2));
  out.push("");
  for (const c of CRITERIA) out.push(...criterionLines(v, c, b.noteLines));
  const extra: string[] = [];
  for (const a of grade.arithmetic.slice(0, b.notices))
    extra.push(...wrap(paint("yellow", `Numbers check: ${clean(a.message)}`), 2));
  for (const m of grade.missing.slice(0, b.missing))
    extra.push(...wrap(`${paint("bold", "Missing:")} ${clean(m)}`, 9));
  for (const t of grade.tips.slice(0, b.tips)) extra.push(...wrap(`${paint("bold", "Tip:")} ${clean(t)}`, 5));
  if (extra.length > 0) out.push("", ...extra);
  const delivery = deliveryLines(v, b.delivery);
  if (delivery.length > 0) out.push("", ...delivery);
  return out;
}

/**
 * The feedback as first shown: the overall, each criterion's score and note, what is missing and a tip,
 * in at most `rows` lines. The sentences behind each score wait for the "more" key (fullFeedback).
 */
export function compactFeedback(v: FeedbackView, rows: number): string[] {
  let lines: string[] = [];
  for (const b of BUDGETS) {
    lines = compactWith(v, b);
    if (lines.length <= rows) return lines;
  }
  return lines.slice(0, Math.max(1, rows));
}

/** Everything: each criterion with its note and every sentence quoted as its evidence, all the advice. */
export function fullFeedback(v: FeedbackView): string[] {
  const { grade, paint, width } = v;
  const wrap = (text: string, hang: number) => wrapLine(text, width, hang);
  const out = wrap(header(v), 0);
  for (const n of grade.notices) out.push(...wrap(paint("yellow", `! ${clean(n)}`), 2));
  for (const c of CRITERIA) {
    out.push("", ...criterionLines(v, c, Number.POSITIVE_INFINITY));
    const evidence = grade.criteria[c].evidence;
    if (evidence.length === 0) out.push(paint("dim", "    (no sentence of the answer supports this part)"));
    for (const e of evidence) out.push(...wrap(paint("dim", `    "${clean(e)}"`), 5));
  }
  for (const a of grade.arithmetic)
    out.push("", ...wrap(paint("yellow", `Numbers check: ${clean(a.message)}`), 2));
  if (grade.missing.length > 0) {
    out.push("", paint("bold", "Missing"));
    for (const m of grade.missing) out.push(...wrap(`  - ${clean(m)}`, 4));
  }
  if (grade.tips.length > 0) {
    out.push("", paint("bold", "Tips"));
    for (const t of grade.tips) out.push(...wrap(`  - ${clean(t)}`, 4));
  }
  const delivery = deliveryLines(v, Number.POSITIVE_INFINITY);
  if (delivery.length > 0) out.push("", ...delivery);
  if (grade.improved_example) {
    out.push("", paint("bold", "A stronger version of the weakest part (an example)"));
    for (const para of safeText(grade.improved_example).split(/\n+/))
      if (para.trim()) out.push(...wrap(`  ${para.trim()}`, 2));
  }
  return out;
}
