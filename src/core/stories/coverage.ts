import type { Level } from "../levels.js";
import type { QuestionBank } from "../questions/bank.js";
import { listAnd } from "./list.js";
import type { StorySummary } from "./types.js";

/** Enough stories to bend one to any question; few enough to rehearse. */
export const STORY_BANK_SIZE = { min: 8, max: 12, warnAbove: 15 } as const;

export interface CompetencyCoverage {
  id: string;
  /** Ids of the stories that cover the competency. */
  stories: string[];
  covered: boolean;
}

export interface StoryCoverage {
  level: Level;
  competencies: CompetencyCoverage[];
  /** Ids of the competencies asked at the level that no story covers. */
  gaps: string[];
  /** The graded story with the lowest overall: the one to improve first. */
  weakest: string | null;
  advice: string[];
}

/** "process-improvement" as "process improvement": how the advice names a competency. */
export const competencyWords = (id: string): string => id.replace(/-/g, " ");

/** The competencies interviewers ask about at a level: those with bank questions at it. */
export function competenciesAt(level: Level, bank: QuestionBank): string[] {
  return bank.competencies
    .filter((c) => bank.filter({ level, competency: c.id }).length > 0)
    .map((c) => c.id);
}

function weakestStory(stories: readonly StorySummary[]): StorySummary | null {
  let weakest: StorySummary | null = null;
  for (const s of stories)
    if (s.overall !== null && (weakest === null || s.overall < (weakest.overall as number))) weakest = s;
  return weakest;
}

function sizeAdvice(n: number): string | null {
  const { min, max, warnAbove } = STORY_BANK_SIZE;
  if (n === 0)
    return `Start your story bank: ${min}–${max} stories, each bendable to several questions, cover most interviews.`;
  if (n < min)
    return `You have ${n} ${n === 1 ? "story" : "stories"}; aim for ${min}–${max} so every question finds one.`;
  if (n > warnAbove)
    return `You keep ${n} stories: more than ${warnAbove} is more than you can rehearse. Merge retellings and drop the weakest until ${min}–${max} remain.`;
  return null;
}

/** How well a user's stories cover what interviewers ask at a level, and what to do next. */
export function storyCoverage(
  stories: readonly StorySummary[],
  level: Level,
  bank: QuestionBank,
): StoryCoverage {
  const competencies = competenciesAt(level, bank).map((id) => {
    const ids = stories.filter((s) => s.competencies.includes(id)).map((s) => s.id);
    return { id, stories: ids, covered: ids.length > 0 };
  });
  const gaps = competencies.filter((c) => !c.covered).map((c) => c.id);
  const weakest = weakestStory(stories);
  const advice: string[] = [];
  const size = sizeAdvice(stories.length);
  if (size) advice.push(size);
  if (stories.length > 0 && gaps.length > 0)
    advice.push(
      `No story for ${listAnd(
        gaps.map((g, i) => `${i === 0 ? "" : "for "}${competencyWords(g)}`),
        "or",
      )}.`,
    );
  if (weakest && (weakest.overall as number) < 5)
    advice.push(`Improve *${weakest.title.replace(/\*/g, "")}* first: it scored ${weakest.overall}/5.`);
  // One story is the weakest only of one: named when there is a choice, or when it has room to improve.
  const named = weakest && (stories.length > 1 || (weakest.overall as number) < 5) ? weakest.id : null;
  return { level, competencies, gaps, weakest: named, advice };
}
