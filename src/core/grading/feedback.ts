import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Evidence } from "../evidence/extract.js";
import type { Feedback, TipKey } from "../feedback/schema.js";
import { render } from "../feedback/template.js";
import type { Level } from "../levels.js";
import type { Probe } from "../questions/schema.js";
import type { Rubric } from "../rubric/schema.js";
import type { ScopeCheck } from "./overall.js";
import type { CriterionScores } from "./scores.js";

const MAX_TIPS = 3;
const QUOTE_CHARS = 90;

export function shorten(text: string, max = QUOTE_CHARS): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t.replace(/[.!?]+$/, "");
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max / 2 ? space : max).replace(/[,;:]$/, "")}...`;
}

export interface FeedbackContext {
  ev: Evidence;
  scores: CriterionScores;
  flags: { baseline_and_after: boolean; quantified_result: boolean };
  businessEffect: boolean;
  scope: ScopeCheck;
  level: Level;
  feedback: Feedback;
}

function sentenceText(ev: Evidence, index: number | undefined): string {
  return index === undefined ? "" : (ev.sentences[index]?.sentence.text ?? "");
}

/** Two or three tips in the candidate's own words, most useful first. */
export function chooseTips(ctx: FeedbackContext): string[] {
  const { ev, scores, feedback } = ctx;
  const tips: string[] = [];
  const add = (key: TipKey, values: Record<string, string | number> = {}) => {
    if (tips.length < MAX_TIPS) tips.push(render(feedback.tips[key], values));
  };
  if (ev.empty || ev.nonEnglish) return tips;
  if (ev.hypothetical) {
    const s = ev.sentences.find((x) => x.hypothetical);
    add("hypothetical", { quote: shorten(s?.sentence.text ?? "") });
  }
  const issue = ev.arithmetic[0];
  if (issue)
    add("arithmetic", {
      before: issue.before,
      after: issue.after,
      claimed: issue.claimed,
      actual: issue.actual,
    });
  const notShown = ev.methods.filter((m) => !m.shown);
  if (notShown.length > 0 && !ev.methods.some((m) => m.shown)) {
    add("method_not_shown", {
      method: notShown
        .map((m) => m.name)
        .slice(0, 2)
        .join(" and "),
    });
  }
  if (!ev.hypothetical) {
    const vague = ev.sentences.flatMap((s) => s.hits.vague_result_phrases)[0];
    if (scores.result.score === 0) add("no_result");
    else if (scores.result.score <= 2 && vague) add("vague_result", { quote: vague });
    else if (scores.result.score <= 2) add("no_result");
    else if (!ctx.flags.baseline_and_after)
      add("no_baseline", { quote: shorten(sentenceText(ev, scores.result.sentences[0])) });
    if (scores.ownership.score === 1) {
      add("we_only", { quote: shorten(sentenceText(ev, scores.ownership.sentences[0]), 60) });
    } else if (scores.ownership.score === 2 && ev.pluralActions > 0) add("mostly_we");
    if (scores.action.score <= 1) add("thin_action");
  }
  if (scores.situation.score === 0) add("no_situation");
  if (scores.task.score <= 1) add("no_task");
  if (scores.result.score >= 3 && !ctx.businessEffect) {
    add("no_business_effect", {
      quote_short: `"${shorten(sentenceText(ev, scores.result.sentences[0]), 50)}"`,
    });
  }
  if (ev.speakingSeconds > 300) add("too_long", { minutes: Math.round(ev.speakingSeconds / 60) });
  if (ev.wordCount < 60) add("too_short", { words: ev.wordCount });
  const hedge = ev.sentences.flatMap((s) => s.hits.hedges)[0];
  if (hedge && ev.hedges + ev.fillers >= 4) add("hedges", { quote: hedge });
  if (ctx.scope.short) add("scope", { level: ctx.level });
  if (tips.length < 2) add("keep_going");
  return tips;
}

/** What the answer lacks, in plain words. */
export function listMissing(ctx: FeedbackContext): string[] {
  const { scores, feedback, ev } = ctx;
  if (ev.empty || ev.nonEnglish) return CRITERIA.map((c) => feedback.missing[c]);
  const out = CRITERIA.filter((c) => scores[c].score <= 1).map((c) => feedback.missing[c]);
  if (scores.result.score >= 2 && !ctx.flags.baseline_and_after) out.push(feedback.missing.baseline);
  if (scores.result.score >= 3 && !ctx.businessEffect) out.push(feedback.missing.business_effect);
  const notShown = ev.methods.filter((m) => !m.shown);
  if (notShown[0] && !ev.methods.some((m) => m.shown)) {
    out.push(render(feedback.missing.method_shown, { method: notShown[0].name }));
  }
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
