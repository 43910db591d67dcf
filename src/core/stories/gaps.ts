import type { Content } from "../content/load.js";
import type { CriterionId } from "../criteria.js";
import { type Evidence, extractEvidence } from "../evidence/extract.js";
import { hitsBy, storyVocabulary } from "../evidence/topic.js";
import type { Grade } from "../grading/types.js";
import { analyzeStory, MAX_STORY_CHARS } from "./analyze.js";
import { competencyWords } from "./coverage.js";
import { storyFeatures } from "./features.js";
import { listAnd } from "./list.js";
import { keywordsIn } from "./terms.js";

export interface GapQuestion {
  text: string;
  competency: string | null;
  /** A bank question's follow-ups: what an interviewer asks when a part is missing. */
  probes?: readonly { target: CriterionId; text: string }[];
}

/** A criterion the grade scores at or below this is one the story leaves open. */
const WEAK_SCORE = 2;
/** Keywords suggested for a missing competency, and question words named as missing. */
const SUGGEST = 3;

/** Whether the story tells each criterion, read from its evidence when there is no grade. */
function toldFromEvidence(ev: Evidence, criterion: CriterionId): boolean {
  const real = ev.sentences.filter((s) => !s.salad && !s.hypothetical);
  switch (criterion) {
    case "data_evidence":
      return ev.changes.length > 0 || ev.quantities.filter((q) => !q.timeFrame).length >= 2;
    case "ownership":
      return ev.singularActions > 0;
    case "action":
      return real.some((s) => s.concreteAction);
    default:
      return real.some((s) => s.roles.some((r) => r.role === criterion));
  }
}

const resultFigure = (ev: Evidence) =>
  ev.sentences.some(
    (s) =>
      !s.hypothetical && s.roles.some((r) => r.role === "result") && s.quantities.some((q) => !q.timeFrame),
  ) || ev.changes.length > 0;

/**
 * What the question's angle needs that the story does not have, as short lines for "practise a story":
 * the competency asked when the story never touches it, the question's own terms the story leaves out,
 * a result figure and its baseline, and the follow-ups an interviewer would ask about the parts it skips.
 */
export function storyGapsForQuestion(
  question: GapQuestion,
  story: { text: string },
  content: Pick<Content, "bank" | "lexicon">,
  grade?: Grade,
): string[] {
  const text = story.text.slice(0, MAX_STORY_CHARS);
  const vocab = storyVocabulary(content.bank.competencies);
  const features = storyFeatures(text);
  const gaps: string[] = [];

  const asked = question.competency
    ? [question.competency]
    : analyzeStory(question.text, content).competencies.slice(0, 1);
  const storyHits = hitsBy(text, vocab);
  for (const id of asked) {
    if ((storyHits.get(id) ?? 0) > 0) continue;
    const keywords = content.bank.competency(id)?.keywords.slice(0, SUGGEST) ?? [];
    gaps.push(
      `Nothing on ${competencyWords(id)} yet${keywords.length ? `: the question expects words like ${listAnd(keywords, "or")}` : ""}.`,
    );
  }

  // The follow-ups show the angle too: "record accuracy" is in a probe, not in the question.
  const questionFeatures = storyFeatures(
    [question.text, ...(question.probes ?? []).map((p) => p.text)].join("\n"),
  );
  const questionKeywords = [...new Set(vocab.flatMap((c) => keywordsIn(questionFeatures, c.keywords)))];
  const missing = questionKeywords.filter((k) => !keywordsIn(features, [k]).length).slice(0, SUGGEST);
  if (missing.length > 0)
    gaps.push(
      `The question asks about ${listAnd(missing.map((m) => `"${m}"`))}; the story does not mention ${missing.length === 1 ? "it" : "them"}.`,
    );

  const ev = extractEvidence({ answer: text, question: question.text }, content.lexicon);
  const hasResultFigure = grade ? grade.flags.quantified_result : resultFigure(ev);
  if (!hasResultFigure) gaps.push("No result figure: say how much changed, from what to what.");
  else if (grade ? !grade.flags.baseline_and_after : ev.changes.length === 0)
    gaps.push("No baseline: give the figure before you started, beside the one after.");

  const told = (c: CriterionId) => (grade ? grade.criteria[c].score > WEAK_SCORE : toldFromEvidence(ev, c));
  for (const probe of question.probes ?? [])
    if (!told(probe.target)) gaps.push(`Be ready for: "${probe.text}"`);
  return gaps;
}
