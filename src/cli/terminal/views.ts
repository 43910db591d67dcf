import type { Grade } from "../../core/grading/types.js";
import type { InterviewState } from "../../core/interview/types.js";
import { count } from "../../core/text/plural.js";
import type { Dialog } from "./dialog.js";
import { compactFeedback, fullFeedback } from "./feedback-view.js";
import { safeText } from "./sanitize.js";
import type { PracticeSession } from "./session.js";

/** Rows kept free under a feedback block for what follows it (the follow-up or the prompt). */
const ROWS_FOR_PROMPT = 6;
/** An earlier answer shown on resume: this many lines, then how long it is. */
const EXCERPT_LINES = 10;

export interface ShownFeedback {
  grade: Grade;
  previous: Grade | null;
}

export function showFeedback(d: Dialog, f: ShownFeedback, full = false): void {
  const view = { ...f, paint: d.screen.paint, width: d.screen.width };
  if (full) d.screen.say("");
  const lines = full ? fullFeedback(view) : compactFeedback(view, d.screen.rows - ROWS_FOR_PROMPT);
  d.screen.say(lines.join("\n"));
}

/** The question being asked: where it is in the interview, its competency and level, its text and why. */
export function showQuestion(s: PracticeSession, state: InterviewState): void {
  const { screen } = s.d;
  const item = state.items[state.index];
  const q = item ? s.content.bank.get(item.questionId) : undefined;
  const competency = q ? (s.content.bank.competency(q.competency)?.name ?? q.competency) : "";
  const where = `${competency ? ` · ${competency}` : ""} · ${state.config.level}`;
  screen.say("");
  screen.say(
    `${screen.paint("bold", `Question ${state.index + 1} of ${state.items.length}`)}${screen.paint("dim", where)}`,
  );
  screen.say(screen.paint("cyan", safeText(q?.text ?? item?.questionId ?? "")));
  if (item?.reason) screen.say(screen.paint("dim", `Why this question: ${safeText(item.reason)}`));
}

/** An answer given earlier, its first lines and how long it is. */
function showExcerpt(d: Dialog, title: string, text: string): void {
  const { screen } = d;
  const lines = screen.lines(safeText(text));
  screen.say(screen.paint("bold", title));
  screen.say(lines.slice(0, EXCERPT_LINES).join("\n"));
  if (lines.length > EXCERPT_LINES)
    screen.say(screen.paint("dim", `… (${count(text.split(/\s+/).filter(Boolean).length, "word")} in all)`));
}

/**
 * On resume, where the person was: the question, their answer so far (and a follow-up answer), and the
 * feedback on it, before the prompt they stopped at. Returns that feedback, for the "more" key.
 */
export async function showWhereYouWere(
  s: PracticeSession,
  state: InterviewState,
): Promise<ShownFeedback | null> {
  const item = state.items[state.index];
  if (!item || state.phase === "awaiting_answer") return null;
  showQuestion(s, state);
  const answers = item.attempts.filter((a) => a.kind !== "follow_up");
  const answer = answers.at(-1);
  const followUp = item.attempts.filter((a) => a.kind === "follow_up").at(-1);
  const shown = answer ? await s.getAttempt(answer.attemptId) : null;
  if (shown) showExcerpt(s.d, "Your answer so far:", shown.answerText);
  if (followUp && answer && item.attempts.indexOf(followUp) > item.attempts.indexOf(answer)) {
    const more = await s.getAttempt(followUp.attemptId);
    if (more) showExcerpt(s.d, "Your follow-up answer:", more.answerText);
  }
  const graded = item.attempts.filter((a) => a.overall !== null).at(-1);
  const record = graded ? await s.getAttempt(graded.attemptId) : null;
  if (!record?.grade) return null;
  s.d.screen.say("");
  const feedback = { grade: record.grade, previous: null };
  showFeedback(s.d, feedback);
  return feedback;
}
