import { CRITERIA, type CriterionId } from "../criteria.js";
import type { AnalyzedSentence, Evidence } from "../evidence/extract.js";
import { settingSentences } from "../evidence/setting.js";
import type { Feedback, TipKey } from "../feedback/schema.js";
import { render } from "../feedback/template.js";
import type { Level } from "../levels.js";
import type { Probe } from "../questions/schema.js";
import type { Rubric } from "../rubric/schema.js";
import { answerGate, fewSentences, toldSentences } from "./caps.js";
import { candidates, elide, keyFigure, windowAround } from "./evidence-quotes.js";
import type { ScopeCheck } from "./overall.js";
import type { CriterionScores } from "./scores.js";

const MAX_TIPS = 3;
const QUOTE_CHARS = 90;

/**
 * A sentence as a short quote for a tip: white space collapsed, and when too long the window around
 * `focus` (the figure that matters) or the opening, cut at words, with "..." where words were left out.
 */
export function shorten(text: string, max = QUOTE_CHARS, focus?: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t.replace(/[.!?]+$/, "");
  const f = focus?.replace(/\s+/g, " ").trim();
  const at = f ? t.indexOf(f) : -1;
  const w = windowAround(t, max, f && at >= 0 ? { start: at, end: at + f.length } : null);
  // A tip's quote that runs to the sentence's end sits inside the tip's own sentence: no full stop.
  if (w.end >= t.length) return `...${t.slice(w.start).replace(/[.!?]+$/, "")}`;
  return elide(t, w);
}

/** A sentence shortened around its key figure. */
function quoteOf(s: AnalyzedSentence | undefined, max = QUOTE_CHARS): string {
  if (!s) return "";
  const k = keyFigure(s, max);
  return shorten(s.sentence.text, max, k ? s.sentence.text.slice(k.start, k.end) : undefined);
}

export interface FeedbackContext {
  ev: Evidence;
  scores: CriterionScores;
  flags: { baseline_and_after: boolean; quantified_result: boolean };
  businessEffect: boolean;
  scope: ScopeCheck;
  level: Level;
  feedback: Feedback;
  /** The rubric's caps, so that a tip says why one was applied. */
  rubric: Rubric;
  /** The overall score as given: "a strong answer" only at 4 or 5. Without it, every criterion must be 3+. */
  overall?: number;
}

/** A step told as "I": "Every step is told as 'we'" would be untrue. */
const mineStep = (s: AnalyzedSentence) =>
  !s.salad && !s.hypothetical && s.actingSubjects.includes("singular");
const STARTS_WITH_I = /^[\s"'*_-]*i\b(?!\.)/i;
/** A step told as "we" only, whose words do not open with "I". */
const ourStep = (s: AnalyzedSentence) =>
  !s.salad &&
  !s.hypothetical &&
  s.actingSubjects.includes("plural") &&
  !s.actingSubjects.includes("singular") &&
  !STARTS_WITH_I.test(s.sentence.text);

/** The result sentence a tip can quote: one that plays the part, a measured one first. */
function resultSentence(ctx: FeedbackContext): AnalyzedSentence | undefined {
  const cands = candidates(ctx.ev, ctx.scores, "result");
  return cands.find(measuredResult) ?? cands[0];
}

/** A sentence that is mainly a result and holds a figure: "the after" a tip may point at. */
const measuredResult = (s: AnalyzedSentence) =>
  (s.changes.length > 0 || s.roles[0]?.role === "result" || s.sentence.heading === "result") &&
  keyFigure(s) !== null;

/** The methods named but never applied, in the answer's own words ("root cause", "pilot"). */
function unshownMethods(ev: Evidence): string[] {
  if (ev.methods.some((m) => m.shown)) return [];
  const out: string[] = [];
  // In the order the answer names them.
  const first = (m: Evidence["methods"][number]) => {
    const s = ev.sentences[m.sentences[0] ?? 0]?.sentence;
    const at = s && m.said[0] ? s.text.toLowerCase().indexOf(m.said[0].toLowerCase()) : 0;
    return (s?.start ?? 0) + Math.max(0, at);
  };
  // A tool that is only part of the scene before the steps ("our dashboard showed 96%") was not claimed
  // as a method; in an answer with no steps at all, it is all the answer has to show.
  const scene = settingSentences(ev.sentences);
  const steps = ev.sentences.some((s) => s.roles.some((r) => r.role === "action"));
  const background = (m: Evidence["methods"][number]) => steps && m.sentences.every((i) => scene.has(i));
  for (const m of [...ev.methods].sort((a, b) => first(a) - first(b))) {
    const words = m.shown || background(m) ? undefined : m.said[0];
    if (words && !out.some((w) => w.toLowerCase() === words.toLowerCase())) out.push(words);
  }
  return out;
}

/** Nothing to fix: a high overall, every criterion solid, nothing missing, no notice, scope enough for the level. */
function nothingMissing(ctx: FeedbackContext): boolean {
  // A 4/5 with a thin task or thin steps still has something to work on: point at it, not praise.
  if (ctx.overall !== undefined && ctx.overall < 4) return false;
  if (CRITERIA.some((c) => ctx.scores[c].score < 3)) return false;
  return (
    !ctx.scope.short &&
    listMissing(ctx).length === 0 &&
    answerGate(ctx.ev).notices.length === 0 &&
    ctx.ev.arithmetic.length === 0
  );
}

/** Below this many words, "too short" says what the sentence count would. */
const TOO_SHORT_WORDS = 60;

/** Two or three tips in the candidate's own words, most useful first. */
export function chooseTips(ctx: FeedbackContext): string[] {
  const { ev, scores, feedback } = ctx;
  const tips: string[] = [];
  const given = new Set<TipKey>();
  const add = (key: TipKey, values: Record<string, string | number> = {}) => {
    if (tips.length >= MAX_TIPS || given.has(key)) return;
    tips.push(render(feedback.tips[key], values));
    given.add(key);
  };
  if (ev.empty || ev.nonEnglish) return tips;
  // A list of keywords or numbers is told so by its notice; it is no plan, whatever its tense.
  if (ev.hypothetical && !ev.salad) {
    const s = ev.sentences.find((x) => x.hypothetical);
    add("hypothetical", { quote: shorten(s?.sentence.text ?? "") });
  }
  const issue = ev.arithmetic[0];
  if (issue)
    add(issue.kind === "impossible" ? "arithmetic_impossible" : "arithmetic", {
      before: issue.before,
      after: issue.after,
      claimed: issue.claimed,
      actual: issue.actual,
      quote: shorten(issue.text),
    });
  // Long enough, but told in a sentence or two: the cap that holds it at 2 is explained first.
  if (ev.wordCount >= TOO_SHORT_WORDS && !ev.salad && fewSentences(ev, ctx.rubric)) {
    const n = toldSentences(ev);
    add("few_sentences", {
      sentences: n === 1 ? "one sentence" : n === 2 ? "two sentences" : `${n} sentences`,
    });
  }
  const unshown = unshownMethods(ev);
  if (unshown.length > 0) add("method_not_shown", { method: unshown.slice(0, 2).join(" and ") });
  const result = resultSentence(ctx);
  const noBaseline = () => {
    if (result && measuredResult(result)) add("no_baseline", { quote: quoteOf(result) });
  };
  const ownershipTip = () => {
    const ours = ev.sentences.filter(ourStep);
    const step = ours.find((s) => s.roles.some((r) => r.role === "action")) ?? ours[0];
    if (scores.ownership.score <= 1 && step && !ev.sentences.some(mineStep))
      add("we_only", { quote: quoteOf(step, 60) });
    else if (scores.ownership.score <= 2 && ev.pluralActions > 0) add("mostly_we");
  };
  if (!ev.hypothetical) {
    const vague = ev.sentences.flatMap((s) => s.hits.vague_result_phrases)[0];
    if (scores.result.score === 0) add("no_result");
    else if (scores.result.score <= 2 && vague) add("vague_result", { quote: vague });
    // Figures told as guesses ("from something like twelve a week") are there, but earn nothing: asking
    // for "the before and after" would be untrue, so ask for them firmly.
    else if (scores.result.score <= 2 && result && !issue && result.hedgedQuantities.length > 0)
      add("hedged_result", { quote: quoteOf(result, 60) });
    // "Finish with the result" would be untrue of an answer that ends with one: quote the one it gives,
    // unless its figures are what is wrong (the arithmetic tip says so). A measured result is not vague:
    // it is asked only for what it lacks, its baseline.
    else if (scores.result.score <= 2 && result && !issue && !measuredResult(result))
      add("vague_result", { quote: quoteOf(result, 60) });
    else if (scores.result.score <= 2 && !result) add("no_result");
    else if (result && !issue && !ctx.flags.baseline_and_after) noBaseline();
    ownershipTip();
    if (scores.action.score <= 1) add("thin_action");
  }
  if (scores.situation.score === 0) add("no_situation");
  if (scores.task.score <= 1) add("no_task");
  if (scores.result.score >= 3 && !ctx.businessEffect && result) {
    add("no_business_effect", { quote_short: `"${quoteOf(result, 50)}"` });
  }
  if (ev.speakingSeconds > 300) add("too_long", { minutes: Math.round(ev.speakingSeconds / 60) });
  if (ev.wordCount < TOO_SHORT_WORDS) add("too_short", { words: ev.wordCount });
  const hedge = ev.sentences.flatMap((s) => s.hits.hedges)[0];
  if (hedge && ev.hedges + ev.fillers >= 4) add("hedges", { quote: hedge });
  if (ctx.scope.short) {
    // "Say how big this was" would be untrue of an answer that gives a headcount: ask for more instead.
    const found = ev.scope.map((k) => feedback.scope_names[k]);
    if (found.length === 0) add("scope", { level: ctx.level });
    else add("scope_more", { level: ctx.level, found: found.join(", ") });
  }
  if (tips.length >= 2) return tips;
  // Praise only an answer no tip has found anything to say about ("too short" and "strong" never together).
  if (tips.length === 0 && nothingMissing(ctx)) {
    add("keep_going");
    return tips;
  }
  // Something is still short of strong: point at the weakest part rather than praise.
  const weakest = [...CRITERIA].sort((a, b) => scores[a].score - scores[b].score);
  for (const c of weakest) {
    if (tips.length >= 2 || scores[c].score >= 3) break;
    if (c === "situation") add("no_situation");
    else if (c === "task") add("no_task");
    else if (c === "action" && !ev.hypothetical) add("thin_action");
    else if (c === "result" && scores.result.score <= 2 && !ev.hypothetical && !result) add("no_result");
    else if ((c === "result" || c === "data_evidence") && !ctx.flags.baseline_and_after) noBaseline();
    else if (c === "ownership" && !ev.hypothetical) ownershipTip();
  }
  return tips;
}

/** What the answer lacks, in plain words. */
export function listMissing(ctx: FeedbackContext): string[] {
  const { scores, feedback, ev } = ctx;
  if (ev.empty || ev.nonEnglish) return CRITERIA.map((c) => feedback.missing[c]);
  const out = CRITERIA.filter((c) => scores[c].score <= 1).map((c) => feedback.missing[c]);
  if (scores.result.score >= 2 && !ctx.flags.baseline_and_after) out.push(feedback.missing.baseline);
  if (scores.result.score >= 3 && !ctx.businessEffect) out.push(feedback.missing.business_effect);
  const unshown = unshownMethods(ev)[0];
  if (unshown) out.push(render(feedback.missing.method_shown, { method: unshown }));
  return out;
}

/**
 * The one follow-up to ask next: the question's own probe for the weakest criterion (ties go to the
 * heavier weight), or the rubric's generic probe for a free-text question.
 */
export function chooseFollowUp(
  scores: CriterionScores,
  probes: readonly Probe[],
  rubric: Rubric,
  feedback: Feedback,
): string {
  const weight = (c: CriterionId) => rubric.criteria.find((x) => x.id === c)?.weight ?? 0;
  const order = [...CRITERIA].sort((a, b) => scores[a].score - scores[b].score || weight(b) - weight(a));
  for (const c of order) {
    const probe = probes.find((p) => p.target === c);
    if (probe) return probe.text;
  }
  const weakest = order[0] ?? "result";
  return feedback.generic_probes[weakest];
}
