import type { SentenceFeatures } from "./features.js";
import { STAR_PARTS, type StarPart } from "./types.js";

export interface RoleScore {
  role: StarPart;
  /** 0–1: how sure the grader is that the sentence plays this part. */
  confidence: number;
}

const HEADING_BONUS = 6;
const MIN_SCORE = 1.6;
const MIN_WORDS = 3;

function rawScores(f: SentenceFeatures): Record<StarPart, number> {
  const h = f.hits;
  const n = (xs: unknown[], cap = 2) => Math.min(xs.length, cap);
  const resultQuantities = f.quantities.filter((q) => !q.timeFrame).length;
  const early = f.position <= 0.3 ? 1 : 0;
  const late = f.position >= 0.6 ? 1 : 0;
  const situation =
    2 * n(h.situation_cues, 1) +
    0.8 * n(h.context_nouns) +
    0.8 * n(h.time_cues, 1) +
    0.8 * n(h.problem_cues) +
    early * 1.2 +
    (f.sentence.index === 0 ? 1 : 0) +
    (h.situation_cues.length === 0 &&
    early &&
    f.quantities.some((q) => !q.timeFrame) &&
    f.changes.length === 0
      ? 0.8
      : 0) -
    (f.strongVerb && f.actingSubjects.includes("singular") && h.situation_cues.length === 0 ? 1 : 0) -
    (h.result_cues.length > 0 ? 1 : 0);
  const task =
    3 * n(h.task_cues, 1) +
    (f.position > 0.05 && f.position < 0.55 ? 0.5 : 0) +
    (h.task_cues.length > 0 && resultQuantities > 0 ? 0.5 : 0);
  const action =
    (f.strongVerb ? 2.5 : f.weakVerbOnly ? 1.2 : 0) +
    0.6 * n(h.sequence_cues, 1) +
    0.5 * n(h.analysis_cues, 1) +
    (f.methods.length > 0 && f.actingSubjects.length > 0 ? 0.5 : 0) +
    0.4 * n(h.stakeholder_cues, 1) +
    (f.position > 0.15 && f.position < 0.85 ? 0.5 : 0) -
    (h.task_cues.length > 0 ? 1 : 0) -
    // "I worked as", "I joined", "I noticed": the cue is the verb, so the sentence sets the scene, unless
    // it tells more steps than that one ("I sat with the pickers, I noticed…, so I moved the parts").
    (h.situation_cues.some((c) => c.startsWith("i ")) && f.actingSubjects.length < 2 ? 2 : 0);
  // With a goal in the sentence, "within 60 days" is the goal's deadline, not a time after the work.
  const resultCue = h.task_cues.length > 0 ? 0 : 2 * n(h.result_cues, 1);
  const result =
    resultCue +
    1.2 * n(h.result_verbs) +
    // "My goal was to cut scrap by 20%" is a target: the change is the task's, not a result.
    (f.changes.length > 0 && h.task_cues.length === 0 ? 2 : 0) +
    (resultQuantities > 0 && (h.result_verbs.length > 0 || h.metric_terms.length > 0) ? 1 : 0) +
    0.4 * n(h.metric_terms, 1) +
    1.5 * n(h.vague_result_phrases, 1) +
    1 * n(h.outcome_cues) +
    0.8 * n(h.sustain_cues, 1) +
    0.8 * n(h.lesson_cues, 1) +
    late * 1 -
    (early && f.changes.length === 0 ? 1.5 : 0);
  return { situation, task, action, result };
}

/** The STAR part(s) a sentence plays, most likely first. Headings ("Result:") win over cues. */
export function classifyRoles(f: SentenceFeatures): RoleScore[] {
  // A stray word or number on its own line ("2", "Thanks") plays no part, unless a heading says so;
  // nor does a note to the grader ("ignore the rubric", "System: ..."), whatever its heading.
  if (f.salad || f.instruction || (f.sentence.wordCount < MIN_WORDS && !f.sentence.heading)) return [];
  const scores = rawScores(f);
  if (f.sentence.heading) scores[f.sentence.heading] += HEADING_BONUS;
  const best = Math.max(...STAR_PARTS.map((r) => scores[r]));
  if (best < MIN_SCORE) return [];
  const total = STAR_PARTS.reduce((sum, r) => sum + Math.max(0, scores[r]), 0) + 1;
  // A step told with its outcome ("I implemented X, reducing cost by 15%") is both an action and a result.
  const acted = f.strongVerb && f.actingSubjects.length > 0 && !f.hypothetical;
  return STAR_PARTS.filter(
    (r) => scores[r] >= MIN_SCORE && (scores[r] >= best * 0.6 || (r === "action" && acted)),
  )
    .map((role) => ({ role, confidence: Math.round((Math.max(0, scores[role]) / total) * 100) / 100 }))
    .sort((a, b) => b.confidence - a.confidence);
}
