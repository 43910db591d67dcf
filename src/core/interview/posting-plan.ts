import type { Level } from "../levels.js";
import type { RankedCompetency } from "../posting/competencies.js";
import type { Question } from "../questions/schema.js";
import { type PracticeHistory, selectQuestions } from "./select.js";

/** The posting's strongest competencies: shown, and remembered by the session. */
export const POSTING_FOCUS = 5;
/** Evidence words a reason quotes at the most. */
const REASON_WORDS = 3;
/** An item's reason is at most this long (the session's schema). */
export const REASON_MAX = 300;

export interface PostingPlanInput {
  /** The posting's competencies, strongest first, with the posting's own words for each. */
  competencies: readonly RankedCompetency[];
  questions: readonly Question[];
  /** The posting's level, or the one the user chose over it. */
  level: Level;
  count: number;
  history: PracticeHistory;
  avoidLast: number;
  /** A number in [0, 1); pass a seeded source for repeatable picks. */
  random: () => number;
}

export interface PostingPlan {
  /** The posting's strongest competencies that have questions at the level, strongest first. */
  focus: string[];
  questions: Array<{ questionId: string; reason: string | null }>;
}

/** "a", "a and b", "a, b and c". */
function listed(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** Why a competency's question is asked, in the posting's own words: "The posting asks for S&OP and OTIF." */
export function postingReason(evidence: readonly string[]): string | null {
  const words = evidence.map((w) => w.replace(/\s+/g, " ").trim()).filter((w) => w.length > 0);
  for (let n = Math.min(REASON_WORDS, words.length); n > 0; n--) {
    const reason = `The posting asks for ${listed(words.slice(0, n))}.`;
    if (reason.length <= REASON_MAX) return reason;
  }
  return null;
}

/**
 * An interview for a job posting: questions at the level from the posting's competencies, strongest
 * first, one from each before any is asked twice, competencies without a question at the level skipped.
 * Within a competency the usual selection picks (recently seen questions last). When the posting's
 * competencies run out of questions, the rest come from the whole level, without a reason.
 */
export function planForPosting(input: PostingPlanInput): PostingPlan {
  const atLevel = input.questions.filter((q) => q.levels.includes(input.level));
  const has = (id: string) => atLevel.some((q) => q.competency === id);
  const ranked = input.competencies.filter(
    (c, i, all) => has(c.id) && all.findIndex((o) => o.id === c.id) === i,
  );
  const chosen: PostingPlan["questions"] = [];
  const used = new Set<string>();
  const pick = (competencies: string[]): string | undefined =>
    selectQuestions({
      questions: atLevel.filter((q) => !used.has(q.id)),
      level: input.level,
      competencies,
      count: 1,
      history: input.history,
      avoidLast: input.avoidLast,
      random: input.random,
    })[0];
  // Rounds over the competencies, strongest first: each round asks each one once, quoting its next words.
  let added = true;
  for (let round = 0; added && chosen.length < input.count; round++) {
    added = false;
    for (const c of ranked) {
      if (chosen.length >= input.count) break;
      const id = pick([c.id]);
      if (id === undefined) continue;
      used.add(id);
      const words = c.evidence.slice(round * REASON_WORDS);
      chosen.push({ questionId: id, reason: postingReason(words.length > 0 ? words : c.evidence) });
      added = true;
    }
  }
  while (chosen.length < input.count) {
    const id = pick([]);
    if (id === undefined) break;
    used.add(id);
    chosen.push({ questionId: id, reason: null });
  }
  return { focus: ranked.slice(0, POSTING_FOCUS).map((c) => c.id), questions: chosen };
}
