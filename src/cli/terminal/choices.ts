import { LEVELS, type Level } from "../../core/levels.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import type { Competency } from "../../core/questions/schema.js";

/**
 * What the bank can give: a level and a focus are only offered together when questions exist for both,
 * so every menu choice (and every pair of flags that is accepted) starts an interview.
 */

/** How many questions the bank has for a level and a focus (null: any competency). */
export function poolSize(bank: QuestionBank, level: Level, focus: string | null): number {
  return bank.filter({ level, competency: focus ?? undefined }).length;
}

/** The levels with questions for this focus (all of them for a mix). */
export function levelsFor(bank: QuestionBank, focus: string | null): Level[] {
  return LEVELS.filter((l) => poolSize(bank, l, focus) > 0);
}

/** The competencies with questions at this level. */
export function focusesFor(bank: QuestionBank, level: Level): Competency[] {
  return bank.competencies.filter((c) => poolSize(bank, level, c.id) > 0);
}

/** Why a focus cannot be asked at a level, and what can. */
export function notAtLevel(bank: QuestionBank, focus: string, level: Level): string {
  const name = bank.competency(focus)?.name ?? focus;
  return `${name} has no ${level}-level questions; it has ${levelsFor(bank, focus).join(", ")} ones.`;
}

/** A competency from what someone typed: its number in `offered`, its id, or the start of its id or name. */
export function findCompetency(
  bank: QuestionBank,
  offered: readonly Competency[],
  typed: string,
): Competency | undefined {
  const t = typed.trim().toLowerCase();
  if (/^\d+$/.test(t)) return offered[Number(t) - 1];
  const exact = bank.competencies.find((c) => c.id === t);
  if (exact) return exact;
  const found = bank.competencies.filter((c) => c.id.startsWith(t) || c.name.toLowerCase().startsWith(t));
  return found.length === 1 ? found[0] : undefined;
}

/** A level from what someone typed: its number in `offered`, or its name (or the start of it). */
export function findLevel(offered: readonly Level[], typed: string): Level | undefined {
  const t = typed.trim().toLowerCase();
  if (/^\d+$/.test(t)) return offered[Number(t) - 1];
  const found = LEVELS.filter((l) => l === t || (t.length > 0 && l.startsWith(t)));
  return found.length === 1 ? found[0] : undefined;
}
