import type { InterviewState } from "../../core/interview/types.js";
import { GradingFailedError } from "../../sessions/errors.js";
import type { GradeContext } from "../../sessions/grader.js";
import type { Outcome } from "../../sessions/session-service.js";
import { formatSessionReport } from "../session-report.js";
import { type AnswerAction, askAnswer, confirmEnd } from "./answer-prompt.js";
import { pickKey } from "./dialog.js";
import { safeText } from "./sanitize.js";
import { saveAnswer } from "./save-answer.js";
import { EXIT, type PracticeSession } from "./session.js";
import { showStrongAnswer } from "./strong-answer-view.js";
import { type ShownFeedback, showFeedback, showQuestion } from "./views.js";
import { hearAnswer } from "./voice-answer.js";

const ANSWER_HINT =
  "Type or paste your answer; an empty line or Ctrl-D ends it. s skips the question, e opens your editor, v answers from a recording.";
const FOLLOW_UP_HINT =
  "Answer the follow-up; an empty line or Ctrl-D ends it. s moves on, m shows a strong answer, f the full evidence, e opens your editor, v answers from a recording.";
const REVISE_HINT =
  "Your revised answer; an empty line or Ctrl-D ends it. s keeps the answer you have, e opens your editor, v answers from a recording.";
/** The answer prompts' voice command: a path to a recording, transcribed and graded as the answer. */
const VOICE = { v: "voice", "/voice": "voice" } as const;
const EMPTY = "Nothing to grade yet: type or paste your answer (s skips this question).";
const EMPTY_FOLLOW_UP = "Nothing to grade yet: answer the follow-up, or type s to move on.";
const REFUSED = "Please press Enter, or type r, m, f or q.";

const SAVED = "Saved. Run `npm start` or `star-coach practice` again to resume.";
const INTERRUPTED = "Stopped. Your interview is saved: run `star-coach practice` to resume it.";

/** Where the loop goes next: another outcome to show, or the exit code. */
type Next = Outcome | number;

function questionText(s: PracticeSession, state: InterviewState): string {
  const id = state.items[state.index]?.questionId ?? "";
  return s.content.bank.get(id)?.text ?? id;
}

function show(s: PracticeSession, outcome: Outcome): ShownFeedback | null {
  const { screen } = s.d;
  if (outcome.error) screen.say(screen.paint("yellow", outcome.error.message));
  const fb = outcome.feedback;
  if (fb) {
    screen.say("");
    showFeedback(s.d, { grade: fb.grade, previous: fb.previous });
  }
  if (outcome.report) {
    screen.say("");
    screen.say(formatSessionReport(outcome.report, s.content.bank, screen.paint).trimEnd());
  }
  return fb ? { grade: fb.grade, previous: fb.previous } : null;
}

/** What every prompt does with pause, end and Ctrl-C; null for the actions the caller handles. */
async function common(s: PracticeSession, state: InterviewState, action: AnswerAction): Promise<Next | null> {
  switch (action.act) {
    case "pause":
      s.d.screen.say(s.d.screen.paint("dim", `\n${SAVED}`));
      return EXIT.done;
    case "interrupt":
      s.d.screen.say(s.d.screen.paint("dim", INTERRUPTED));
      return EXIT.interrupted;
    case "end":
      return s.service.end(state.id, s.userId);
    default:
      return null;
  }
}

async function submit(
  s: PracticeSession,
  state: InterviewState,
  text: string,
  store: (text: string) => Promise<Outcome>,
): Promise<Next> {
  if (s.terminal.interactive) s.d.screen.say(s.d.screen.paint("dim", "Grading…"));
  return (await saveAnswer(s, text, questionText(s, state), store)) ?? EXIT.failed;
}

/**
 * A recording as the answer: transcribed, shown, then stored and graded like typed text (the transcript
 * is the answer; the audio is never stored). Null when there is nothing to grade: ask again.
 */
async function submitVoice(
  s: PracticeSession,
  state: InterviewState,
  path: string,
  store: Store,
): Promise<Next | null> {
  const heard = await hearAnswer(s, path);
  if (!heard) return null;
  return submit(s, state, heard.text, (t) => store(t, { delivery: heard.delivery }));
}

type Store = (text: string, context?: Partial<GradeContext>) => Promise<Outcome>;

/**
 * An answer typed or recorded is stored (by `store`) and graded; pause, end and Ctrl-C do what they do
 * at every prompt. Null: ask again (a recording with nothing to grade).
 */
async function respond(
  s: PracticeSession,
  state: InterviewState,
  action: AnswerAction,
  store: Store,
): Promise<Next | null> {
  if (action.act === "submit") return submit(s, state, action.text, store);
  if (action.act === "voice") return submitVoice(s, state, action.path, store);
  return common(s, state, action);
}

async function onQuestion(s: PracticeSession, state: InterviewState): Promise<Next> {
  showQuestion(s, state);
  for (;;) {
    const action = await askAnswer(
      s,
      ANSWER_HINT,
      { s: "skip", "/skip": "skip", e: "edit", "/edit": "edit", ...VOICE },
      EMPTY,
    );
    if (action.act === "skip") {
      s.d.screen.say(s.d.screen.paint("dim", "Skipped: nothing was saved for this question."));
      return s.service.skip(state.id, s.userId);
    }
    const next = await respond(s, state, action, (t, context) =>
      s.service.answer(state.id, s.userId, t, context),
    );
    if (next !== null) return next;
  }
}

async function onFollowUp(
  s: PracticeSession,
  state: InterviewState,
  last: ShownFeedback | null,
): Promise<Next> {
  const { screen } = s.d;
  const probe = safeText(state.items[state.index]?.followUp?.text ?? "");
  screen.say(`\n${screen.paint("bold", "Follow-up:")} ${screen.paint("cyan", probe)}`);
  for (;;) {
    const action = await askAnswer(
      s,
      FOLLOW_UP_HINT,
      {
        s: "skip",
        "/skip": "skip",
        m: "model",
        "/model": "model",
        f: "more",
        "/more": "more",
        e: "edit",
        "/edit": "edit",
        ...VOICE,
      },
      EMPTY_FOLLOW_UP,
    );
    if (action.act === "model") {
      await showStrongAnswer(s, state, last);
      continue;
    }
    if (action.act === "more") {
      if (last) showFeedback(s.d, last, true);
      continue;
    }
    if (action.act === "skip") return s.service.next(state.id, s.userId);
    const next = await respond(s, state, action, (t, context) =>
      s.service.followUp(state.id, s.userId, t, context),
    );
    if (next !== null) return next;
  }
}

async function onReview(
  s: PracticeSession,
  state: InterviewState,
  last: ShownFeedback | null,
): Promise<Next> {
  const isLast = state.index >= state.items.length - 1;
  const prompt = isLast
    ? "Enter for your report, r to revise, m for a strong answer, f for the full evidence, q to end?"
    : "Next question (Enter), r to revise, m for a strong answer, f for the full evidence, q to end?";
  for (;;) {
    s.d.screen.say("");
    const key = await pickKey(
      s.d,
      prompt,
      { "": "next", r: "revise", m: "model", f: "more", q: "end" },
      REFUSED,
    );
    if (typeof key !== "string") {
      const act = key.stop === "eof" ? await confirmEnd(s) : key.stop === "interrupt" ? "interrupt" : "pause";
      if (act === "back") continue;
      return (await common(s, state, { act })) ?? EXIT.done;
    }
    if (key === "next") return s.service.next(state.id, s.userId);
    if (key === "end") return s.service.end(state.id, s.userId);
    if (key === "more") {
      if (last) showFeedback(s.d, last, true);
      continue;
    }
    if (key === "model") {
      await showStrongAnswer(s, state, last);
      continue;
    }
    const action = await askAnswer(
      s,
      REVISE_HINT,
      { s: "skip", "/skip": "skip", e: "edit", "/edit": "edit", ...VOICE },
      EMPTY,
    );
    if (action.act === "skip") continue;
    const next = await respond(s, state, action, (t, context) =>
      s.service.retry(state.id, s.userId, t, context),
    );
    if (next !== null) return next;
  }
}

/** A stored answer left ungraded (grading failed before): grade it now. */
async function onGrading(s: PracticeSession, state: InterviewState): Promise<Next> {
  const pending = state.items[state.index]?.attempts.at(-1);
  if (!pending) return EXIT.failed;
  s.d.screen.say(s.d.screen.paint("dim", "Grading your last answer…"));
  try {
    const { feedback, state: now } = await s.service.regrade(pending.attemptId, s.userId);
    return { state: now ?? state, effects: [], feedback, report: null, error: null };
  } catch (err) {
    if (!(err instanceof GradingFailedError)) throw err;
    s.d.screen.say(
      s.d.screen.paint(
        "yellow",
        "Grading failed again. Your answer is saved and is graded the next time you start.",
      ),
    );
    return EXIT.failed;
  }
}

/**
 * Runs an interview from `first` until it finishes (its report shown) or the person stops; returns the
 * exit code. `shown` is feedback already on screen (on resume), for the "more" key.
 */
export async function converse(
  s: PracticeSession,
  first: Outcome,
  shown: ShownFeedback | null,
): Promise<number> {
  let outcome = first;
  let last = shown;
  for (;;) {
    last = show(s, outcome) ?? last;
    const state = outcome.state;
    if (state.status === "finished") return EXIT.done;
    let next: Next;
    switch (state.phase) {
      case "awaiting_answer":
        last = null;
        next = await onQuestion(s, state);
        break;
      case "awaiting_follow_up":
        next = await onFollowUp(s, state, last);
        break;
      case "reviewing":
        next = await onReview(s, state, last);
        break;
      default:
        next = await onGrading(s, state);
    }
    if (typeof next === "number") return next;
    outcome = next;
  }
}
