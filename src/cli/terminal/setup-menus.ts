import { type InterviewConfig, MAX_QUESTIONS } from "../../core/interview/types.js";
import { LEVEL_ROLES, LEVELS, type Level } from "../../core/levels.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import { count } from "../../core/text/plural.js";
import { findCompetency, findLevel, focusesFor, levelsFor, notAtLevel, poolSize } from "./choices.js";
import type { PracticeDefaults } from "./defaults.js";
import { choose, type Dialog, isStop, type Stop } from "./dialog.js";

const DEFAULT_QUESTIONS = 3;
const MIX = "mix";

/** What flags already settled; the menus ask for the rest. */
export interface PresetChoices {
  level?: Level;
  competencies?: string[];
  questionCount?: number;
  followUps?: boolean;
}

async function askLevel(
  d: Dialog,
  bank: QuestionBank,
  focus: string | null,
  fallback: Level,
): Promise<Level | Stop> {
  const offered = levelsFor(bank, focus);
  const { screen } = d;
  screen.say(screen.paint("bold", "Levels, by the roles on the OM career ladder:"));
  offered.forEach((l, i) => {
    screen.say(`  ${i + 1} ${l.padEnd(10)} ${LEVEL_ROLES[l]}`, 15);
  });
  const preset = offered.includes(fallback) ? fallback : (offered[0] as Level);
  for (;;) {
    const answer = await choose(d, "Level (a number or name)?", preset);
    if (isStop(answer)) return answer;
    const level = findLevel(offered, answer) ?? findLevel(LEVELS, answer);
    if (level && offered.includes(level)) return level;
    if (level && focus) screen.say(screen.paint("yellow", notAtLevel(bank, focus, level)));
    else
      screen.say(
        screen.paint("yellow", `Please type a number from 1 to ${offered.length}, or a level's name.`),
      );
  }
}

async function askFocus(
  d: Dialog,
  bank: QuestionBank,
  level: Level,
  fallback: string | undefined,
): Promise<string | null | Stop> {
  const offered = focusesFor(bank, level);
  const { screen } = d;
  screen.say(screen.paint("bold", `Competencies with ${level}-level questions:`));
  offered.forEach((c, i) => {
    screen.say(`  ${String(i + 1).padStart(2)} ${c.id.padEnd(20)} ${c.name}`, 26);
  });
  const preset = fallback && offered.some((c) => c.id === fallback) ? fallback : MIX;
  for (;;) {
    const answer = await choose(d, "Focus (a number or name; mix for any)?", preset);
    if (isStop(answer)) return answer;
    if (answer.toLowerCase() === MIX) return null;
    const found = findCompetency(bank, offered, answer);
    if (found && offered.includes(found)) return found.id;
    if (found) screen.say(screen.paint("yellow", notAtLevel(bank, found.id, level)));
    else screen.say(screen.paint("yellow", "No competency matches that; type a number from the list."));
  }
}

async function askCount(d: Dialog, most: number): Promise<number | Stop> {
  for (;;) {
    const answer = await choose(
      d,
      `How many questions (1-${most})?`,
      String(Math.min(DEFAULT_QUESTIONS, most)),
    );
    if (isStop(answer)) return answer;
    const n = Number(answer);
    if (Number.isInteger(n) && n >= 1 && n <= most) return n;
    d.screen.say(d.screen.paint("yellow", `Please type a number from 1 to ${most}.`));
  }
}

/**
 * Settles the interview: level (each explained by its roles), focus and number of questions, asking
 * for what the flags left open, with the last choices as defaults. Only what the bank can give is
 * offered; a count above what matches is lowered, and said so.
 */
export async function askInterview(
  d: Dialog,
  bank: QuestionBank,
  preset: PresetChoices,
  defaults: PracticeDefaults & { level: Level },
): Promise<InterviewConfig | Stop> {
  const flagFocus = preset.competencies?.[0] ?? null;
  const level = preset.level ?? (await askLevel(d, bank, flagFocus, defaults.level));
  if (isStop(level)) return level;
  const focus = preset.competencies ? flagFocus : await askFocus(d, bank, level, defaults.focus);
  if (isStop(focus)) return focus;
  const pool = poolSize(bank, level, focus);
  let questionCount = preset.questionCount ?? (await askCount(d, Math.min(MAX_QUESTIONS, pool)));
  if (isStop(questionCount)) return questionCount;
  if (questionCount > pool) {
    const what = focus ? ` and ${bank.competency(focus)?.name ?? focus}` : "";
    d.screen.say(
      d.screen.paint(
        "yellow",
        `Only ${count(pool, "question")} ${pool === 1 ? "matches" : "match"} ${level} level${what}, so this interview has ${pool}.`,
      ),
    );
    questionCount = pool;
  }
  return {
    level,
    competencies: focus ? [focus] : [],
    questionCount,
    followUps: preset.followUps ?? true,
    answerTimeLimitSec: null,
  };
}
