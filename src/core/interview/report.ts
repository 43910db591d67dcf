import { CRITERIA, type CriterionId } from "../criteria.js";
import type { Grade } from "../grading/types.js";
import { bestAttempt, type ScoredAttempt } from "../progress/attempts.js";
import { extreme } from "../progress/progress.js";
import { averagesOf, type CriterionAverages, compare } from "../progress/sessions.js";
import { type PostingFit, postingFit, type ReportStory, type StoryUse, storyUse } from "./story-use.js";
import type { CriterionScoresMap, InterviewState, Item } from "./types.js";

export type { ScoredAttempt as AttemptPoint } from "../progress/attempts.js";
export { extreme, type Progress, progress } from "../progress/progress.js";
export { type CriterionAverages, mean } from "../progress/sessions.js";
export type { PostingFit, ReportStory, StoryUse } from "./story-use.js";

/** One graded attempt at a question, as the report lists it. */
export interface Try {
  attemptId: string;
  kind: string;
  overall: number;
  /** The attempt that counts: the best one. */
  best: boolean;
}

export interface QuestionResult {
  questionId: string;
  /** The best attempt's: a worse revision never replaces a better attempt. */
  overall: number | null;
  scores: CriterionScoresMap | null;
  skipped: boolean;
  attempts: number;
  /** Every graded attempt, oldest first: the answer, its follow-up, the revisions. */
  tries: Try[];
  /** How far the best attempt is above the first one: what a revision or the follow-up gained. */
  improvement: number | null;
}

/** A session's averages, as an earlier session is compared with. */
export interface SessionSummary {
  sessionId: string;
  finishedAt: string;
  overall: number | null;
  criteria: CriterionAverages;
}

export interface SessionReport extends SessionSummary {
  level: string;
  endedBy: string | null;
  questions: QuestionResult[];
  strongest: CriterionId | null;
  weakest: CriterionId | null;
  /** The three most useful improvements: what the best answers missed most often. */
  improvements: string[];
  /** Against the mean of the earlier sessions' averages; null when there are none. */
  change: { overall: number | null; criteria: CriterionAverages } | null;
  /**
   * Which story each answer retold, and a warning when one answers most; null when the user has no stories
   * (or they could not be read).
   */
  stories: StoryUse | null;
  /**
   * For an interview from a job posting: the stories that fit its strongest competencies and those none
   * covers; null for other interviews, or when the stories could not be read.
   */
  postingFit: PostingFit | null;
}

/** The user's story bank for a report: their stories (null when unreadable) and the answers' texts. */
export interface ReportStories {
  stories: readonly ReportStory[] | null;
  /** The text each attempt was graded on, by attempt id (a follow-up's with its answer). */
  answers: ReadonlyMap<string, string>;
}

/** An earlier session's averages: a `SessionSummary`, or a `SessionPoint` of the user's history. */
export interface EarlierSession {
  overall: number | null;
  criteria: Readonly<Record<CriterionId, number | null>>;
}

/** The graded attempts of one question of a session, as every progress screen reads attempts. */
export function scoredTries(state: InterviewState, item: Item): ScoredAttempt[] {
  const tries: ScoredAttempt[] = [];
  for (const a of item.attempts)
    if (a.overall !== null && a.scores !== null)
      tries.push({
        attemptId: a.attemptId,
        questionId: item.questionId,
        competency: null,
        sessionId: state.id,
        kind: a.kind,
        at: a.at,
        overall: a.overall,
        scores: a.scores,
      });
  return tries;
}

function questionResult(state: InterviewState, item: Item): QuestionResult & { bestId: string | null } {
  const tries = scoredTries(state, item);
  const best = bestAttempt(tries);
  const first = tries[0];
  return {
    questionId: item.questionId,
    overall: best?.overall ?? null,
    scores: best?.scores ?? null,
    skipped: item.skipped,
    attempts: item.attempts.length,
    tries: tries.map((t) => ({ attemptId: t.attemptId, kind: t.kind, overall: t.overall, best: t === best })),
    improvement: best && first && best !== first ? best.overall - first.overall : null,
    bestId: best?.attemptId ?? null,
  };
}

/**
 * Summarizes a finished (or ended) session from its state and the grades of its attempts: each question
 * counts by its best attempt, and the averages and their change against `earlier` (the user's earlier
 * sessions, oldest first) are computed as `history` and the progress chart compute them. With the user's
 * stories (`bank`), it says which story each answer that counts retold and, for a posting's interview, how
 * the stories fit the posting.
 */
export function sessionReport(
  state: InterviewState,
  grades: ReadonlyMap<string, Grade>,
  earlier: readonly EarlierSession[],
  bank: ReportStories = { stories: null, answers: new Map() },
): SessionReport {
  const results = state.items.map((item) => questionResult(state, item));
  const averages = averagesOf(
    results.flatMap((q) =>
      q.overall !== null && q.scores ? [{ best: { overall: q.overall, scores: q.scores } }] : [],
    ),
  );
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => [c, averages?.criteria[c] ?? null]),
  ) as CriterionAverages;
  const overall = averages?.overall ?? null;
  const counts = new Map<string, number>();
  for (const q of results) {
    const grade = q.bestId ? grades.get(q.bestId) : undefined;
    for (const m of grade?.missing ?? []) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const improvements = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([m]) => m);
  const comparison = compare(earlier, { overall, criteria });
  const change =
    earlier.length === 0
      ? null
      : {
          overall: comparison.overall.change,
          criteria: Object.fromEntries(
            CRITERIA.map((c) => [c, comparison.criteria[c].change]),
          ) as CriterionAverages,
        };
  return {
    sessionId: state.id,
    finishedAt: state.updatedAt,
    level: state.config.level,
    endedBy: state.endedBy,
    overall,
    criteria,
    questions: results.map(({ bestId: _, ...q }) => q),
    strongest: extreme(criteria, "highest"),
    weakest: extreme(criteria, "lowest"),
    improvements,
    change,
    stories: bank.stories
      ? storyUse(
          results.map((q) => (q.bestId ? (bank.answers.get(q.bestId) ?? null) : null)),
          bank.stories,
        )
      : null,
    postingFit:
      bank.stories && state.config.posting
        ? postingFit(state.config.posting.competencies, bank.stories)
        : null,
  };
}

/**
 * A question's attempts in one line, when there was more than one: "answer 2/5, revision 1 4/5 (counts),
 * revision 2 3/5". Null for a single attempt.
 */
export function triesLine(q: Pick<QuestionResult, "tries">): string | null {
  if (q.tries.length < 2) return null;
  let revisions = 0;
  return q.tries
    .map((t) => {
      const label =
        t.kind === "retry" ? `revision ${++revisions}` : t.kind === "follow_up" ? "with follow-up" : "answer";
      return `${label} ${t.overall}/5${t.best ? " (counts)" : ""}`;
    })
    .join(", ");
}
