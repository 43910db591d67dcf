import { CRITERIA, type CriterionId } from "../criteria.js";
import { type AnalyzedSentence, type Evidence, extractEvidence } from "../evidence/extract.js";
import { normalizeForMatching } from "../evidence/normalize.js";
import type { Feedback } from "../feedback/schema.js";
import { placeholders } from "../feedback/template.js";
import type { Lexicon } from "../lexicon/schema.js";
import type { Rubric } from "../rubric/schema.js";
import { sceneWithStep } from "./evidence-quotes.js";
import { scopeCheck } from "./overall.js";
import type { Grade } from "./types.js";

/**
 * Checks that a grade's feedback describes its answer truly: every quote is the answer's own words from
 * a sentence that plays the part it is quoted for, and every tip that names something names what the
 * answer says. Pure: reads the answer again with the same lexicon, trusts nothing the grade says.
 */

export type ViolationKind =
  /** An evidence quote that is not a verbatim substring of the answer. */
  | "quote_not_verbatim"
  /** An evidence quote from a sentence that does not play the criterion's part. */
  | "quote_wrong_role"
  /** The same quote (or sentence) twice for one criterion. */
  | "duplicate_quote"
  /** One sentence quoted for both Situation and Result although another could serve one of them. */
  | "situation_result_same"
  /** A shortened quote that leaves out every figure of its sentence. */
  | "quote_drops_figure"
  /** A tip or missing item that quotes or names text the answer does not contain. */
  | "tip_text_absent"
  /** "Every step is told as 'we'" although a step is told with "I", or quoting a sentence that is not a "we" step. */
  | "we_only_untrue"
  /** "This is a strong answer" on an answer with something missing or a criterion short of clear. */
  | "strong_tip_with_gaps"
  /** "Finish with the result" on an answer whose result the grade itself quotes. */
  | "no_result_untrue"
  /** "Give the before and after" quoting a sentence that gives them. */
  | "vague_tip_on_measured"
  /** "Describes a plan or a habit" on an answer the grade does not call hypothetical. */
  | "plan_tip_untrue"
  /** The scope tip although the answer shows the scope its level expects. */
  | "scope_tip_with_scope";

export interface Violation {
  kind: ViolationKind;
  /** The criterion or the tip key the violation is about. */
  where: string;
  text: string;
}

export type CheckContent = { lexicon: Lexicon; feedback: Feedback; rubric: Rubric };

/** Tips whose quote is about wording (a plan, "we", a hedge), not a figure: they may leave figures out. */
const WORDING_TIPS = new Set(["hypothetical", "we_only", "hedges", "vague_result"]);
/** Placeholders whose value is the candidate's own words. */
const ANSWER_TEXT = new Set(["quote", "quote_short", "method"]);
const ELLIPSIS = /\.\.\.|\u2026/;

const fold = (text: string) => normalizeForMatching(text).toLowerCase().replace(/\s+/g, " ").trim();

/** The parts of a shortened quote ("...around the figure..."), each of which the answer must hold. */
function quoteParts(value: string): string[] {
  const unwrapped = /^"([\s\S]*)"$/.exec(value.trim())?.[1] ?? value;
  return unwrapped
    .split(ELLIPSIS)
    .map((p) => p.trim().replace(/[,;:]$/, ""))
    .filter((p) => p.length > 0);
}

function contains(answer: string, value: string): boolean {
  const parts = quoteParts(value);
  return parts.length > 0 && parts.every((p) => answer.includes(fold(p)));
}

/** "Lean and DMAIC": a list joined with "and", where a name may itself hold "and". */
function namesAll(answer: string, value: string): boolean {
  if (contains(answer, value)) return true;
  const re = / and /g;
  for (const m of value.matchAll(re)) {
    const head = value.slice(0, m.index);
    const tail = value.slice(m.index + m[0].length);
    if (contains(answer, head) && namesAll(answer, tail)) return true;
  }
  return false;
}

interface Parsed {
  key: string;
  values: Record<string, string>;
}

function templateMatcher(templates: Record<string, string>): (text: string) => Parsed | null {
  const compiled = Object.entries(templates).map(([key, template]) => {
    const names = placeholders(template);
    const source = template
      .split(/\{[a-z_]+\}/)
      .map((lit) => lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("([\\s\\S]+?)");
    return { key, names, re: new RegExp(`^${source}$`) };
  });
  return (text) => {
    for (const { key, names, re } of compiled) {
      const m = re.exec(text);
      if (!m) continue;
      const values: Record<string, string> = {};
      names.forEach((n, i) => {
        values[n] = m[i + 1] ?? "";
      });
      return { key, values };
    }
    return null;
  };
}

/** The sentences a quote overlaps, at any place the answer holds it. */
function sentencesOf(ev: Evidence, answer: string, quote: string): AnalyzedSentence[][] {
  const out: AnalyzedSentence[][] = [];
  if (quote.length === 0) return out;
  for (let at = answer.indexOf(quote); at >= 0; at = answer.indexOf(quote, at + 1)) {
    const end = at + quote.length;
    out.push(ev.sentences.filter((s) => s.sentence.start < end && s.sentence.end > at));
  }
  return out;
}

/** The sentence a tip quote comes from (its words folded), if any. */
function sentenceForTipQuote(ev: Evidence, value: string): AnalyzedSentence | undefined {
  const parts = quoteParts(value).map(fold);
  if (parts.length === 0) return undefined;
  return ev.sentences.find((s) => {
    const t = fold(s.sentence.text);
    return parts.every((p) => t.includes(p));
  });
}

const figures = (s: AnalyzedSentence) => [
  ...s.changes.filter((c) => c.text !== s.sentence.text).map((c) => c.text),
  ...s.quantities.filter((q) => !q.timeFrame).map((q) => q.text),
];

/** A shortened quote must keep at least one figure of its sentence when the sentence has any. */
function dropsFigure(s: AnalyzedSentence, quoteText: string): boolean {
  const f = figures(s);
  if (f.length === 0) return false;
  const q = fold(quoteText);
  return !f.some((x) => q.includes(fold(x)));
}

const bothStepAndOutcome = (s: AnalyzedSentence) => {
  const top = s.roles.slice(0, 2).map((r) => r.role);
  return top.includes("action") && top.includes("result");
};

/**
 * Whether a sentence may be quoted as evidence for a criterion: its primary role, or a heading saying so;
 * for Action and Result also a sentence whose two leading roles are action and result.
 */
export function playsPart(s: AnalyzedSentence, c: CriterionId): boolean {
  if (s.salad) return false;
  const primary = s.roles[0]?.role;
  switch (c) {
    case "situation":
    case "task":
      return (primary === c || s.sentence.heading === c) && !(c === "task" && s.hypothetical);
    // A step told with its outcome ("I re-slotted..., which cut travel by 30%") is both, whichever comes first.
    case "result":
      return (primary === c || s.sentence.heading === c || bothStepAndOutcome(s)) && !s.hypothetical;
    case "action":
      return (
        (primary === "action" ||
          s.sentence.heading === "action" ||
          bothStepAndOutcome(s) ||
          sceneWithStep(s)) &&
        primary !== "task"
      );
    case "data_evidence":
      return (
        !s.hypothetical &&
        (s.changes.length > 0 ||
          s.quantities.some((q) => !q.timeFrame) ||
          s.methods.length > 0 ||
          s.hits.analysis_cues.length > 0)
      );
    case "ownership":
      return !s.hypothetical && s.actingSubjects.length > 0;
  }
}

const iStep = (s: AnalyzedSentence) => !s.salad && !s.hypothetical && s.actingSubjects.includes("singular");
const STARTS_WITH_I = /^[\s"'*_-]*i\b(?!\.)/i;

export function checkFeedback(grade: Grade, answer: string, content: CheckContent): Violation[] {
  const out: Violation[] = [];
  const add = (kind: ViolationKind, where: string, text: string) => out.push({ kind, where, text });
  const ev = extractEvidence({ answer, question: "" }, content.lexicon);
  const folded = fold(answer);

  // Evidence quotes.
  const sentenceOf: Partial<Record<CriterionId, Set<number>>> = {};
  for (const c of CRITERIA) {
    const seenText = new Set<string>();
    const seenSentence = new Set<number>();
    sentenceOf[c] = seenSentence;
    for (const q of grade.criteria[c].evidence) {
      if (!answer.includes(q)) {
        add("quote_not_verbatim", c, q);
        continue;
      }
      const places = sentencesOf(ev, answer, q);
      if (!places.some((ss) => ss.some((s) => playsPart(s, c)))) add("quote_wrong_role", c, q);
      const own = places.length === 1 && places[0]?.length === 1 ? places[0][0] : undefined;
      if (seenText.has(q) || (own && seenSentence.has(own.sentence.index))) add("duplicate_quote", c, q);
      seenText.add(q);
      if (!own) continue;
      seenSentence.add(own.sentence.index);
      if (q.length < own.sentence.text.length && dropsFigure(own, q)) add("quote_drops_figure", c, q);
    }
  }
  const shared = [...(sentenceOf.situation ?? [])].filter((i) => sentenceOf.result?.has(i));
  for (const i of shared) {
    const others = (c: CriterionId) =>
      ev.sentences.some(
        (s) => s.sentence.index !== i && playsPart(s, c) && !sentenceOf[c]?.has(s.sentence.index),
      );
    const alone = (c: CriterionId) => (sentenceOf[c]?.size ?? 0) > 1;
    if (others("situation") || others("result") || alone("situation") || alone("result"))
      add("situation_result_same", "situation+result", ev.sentences[i]?.sentence.text ?? "");
  }

  // Tips and missing items.
  const parseTip = templateMatcher(content.feedback.tips as Record<string, string>);
  const parseMissing = templateMatcher(content.feedback.missing as Record<string, string>);
  const items = [
    ...grade.tips.map((t) => ({ text: t, parsed: parseTip(t) })),
    ...grade.missing.map((t) => ({ text: t, parsed: parseMissing(t) })),
  ];
  for (const { text, parsed } of items) {
    if (!parsed) continue;
    for (const [name, value] of Object.entries(parsed.values)) {
      if (!ANSWER_TEXT.has(name)) continue;
      const ok = name === "method" ? namesAll(folded, value) : contains(folded, value);
      if (!ok) {
        add("tip_text_absent", parsed.key, text);
        continue;
      }
      if (name !== "method" && !WORDING_TIPS.has(parsed.key) && ELLIPSIS.test(value)) {
        const s = sentenceForTipQuote(ev, value);
        if (s && dropsFigure(s, quoteParts(value).join(" "))) add("quote_drops_figure", parsed.key, text);
      }
    }
  }
  const tipKeys = new Set(grade.tips.map((t) => parseTip(t)?.key));
  const weTip = grade.tips.find((t) => parseTip(t)?.key === "we_only");
  if (weTip) {
    const mine = ev.sentences.find(iStep);
    if (mine) add("we_only_untrue", "we_only", `${weTip} / "I" step: ${mine.sentence.text}`);
    const quoted = parseTip(weTip)?.values.quote ?? "";
    const s = sentenceForTipQuote(ev, quoted);
    if (
      !s?.actingSubjects.includes("plural") ||
      s.actingSubjects.includes("singular") ||
      STARTS_WITH_I.test(quoteParts(quoted)[0] ?? "")
    )
      add("we_only_untrue", "we_only", weTip);
  }
  const short = CRITERIA.filter((c) => grade.criteria[c].score < 3);
  if (
    tipKeys.has("keep_going") &&
    (grade.overall < 4 ||
      grade.missing.length > 0 ||
      grade.notices.length > 0 ||
      short.length > 0 ||
      grade.tips.length > 1)
  )
    add(
      "strong_tip_with_gaps",
      "keep_going",
      `overall ${grade.overall}; missing: ${grade.missing.join(" | ")}; short of clear: ${short.join(", ")}`,
    );
  if (tipKeys.has("hypothetical") && !grade.flags.hypothetical)
    add("plan_tip_untrue", "hypothetical", "the grade's hypothetical flag is false");
  const vagueTip = grade.tips.find((t) => parseTip(t)?.key === "vague_result");
  const vagueAt = vagueTip ? sentenceForTipQuote(ev, parseTip(vagueTip)?.values.quote ?? "") : undefined;
  if (vagueTip && vagueAt && vagueAt.changes.length > 0)
    add("vague_tip_on_measured", "vague_result", vagueTip);
  if (tipKeys.has("no_result") && grade.criteria.result.evidence.length > 0)
    add("no_result_untrue", "no_result", `result quoted: ${grade.criteria.result.evidence[0]}`);
  if (tipKeys.has("scope") && (ev.scope.length > 0 || !scopeCheck(grade.level, 0, content.rubric).short))
    add("scope_tip_with_scope", "scope", `${grade.level}: ${ev.scope.join(", ")}`);
  if (tipKeys.has("scope_more") && !scopeCheck(grade.level, ev.scope.length, content.rubric).short)
    add("scope_tip_with_scope", "scope_more", `${grade.level}: ${ev.scope.join(", ")}`);
  return out;
}
