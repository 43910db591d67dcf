import { AnswerKeptError, GradingFailedError } from "../../sessions/errors.js";
import type { Outcome } from "../../sessions/session-service.js";
import { pickKey } from "./dialog.js";
import { writeRecoveryCopy } from "./recovery.js";
import { safeText } from "./sanitize.js";
import type { PracticeSession } from "./session.js";

/** Why the store refused, in a few words: an error's message only (never a stack), made safe to print. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const short = safeText(message).replace(/\s+/g, " ").trim();
  return short.length > 160 ? `${short.slice(0, 157)}...` : short || "unknown error";
}

/** The answer was stored but grading failed: grade it again now, or leave it for the next start. */
async function gradeAgain(s: PracticeSession, err: GradingFailedError): Promise<Outcome | null> {
  const { screen } = s.d;
  for (;;) {
    screen.say(
      screen.paint("yellow", `Your answer is saved, but grading it failed (${reasonOf(err.cause)}).`),
    );
    const key = await pickKey(
      s.d,
      "Enter grades it again; q stops here (it is graded the next time you start)?",
      { "": "again", q: "stop" },
      "Please press Enter, or type q.",
    );
    if (key !== "again") return null;
    try {
      const { feedback, state } = await s.service.regrade(err.attemptId, s.userId);
      if (!state) return null;
      return { state, effects: [], feedback, report: null, error: null };
    } catch (again) {
      if (!(again instanceof GradingFailedError)) throw again;
    }
  }
}

/**
 * Stores and grades an answer. When it cannot be stored (a full disk, a database error) nothing typed is
 * lost: the answer is shown again, written to a file of its own, and saving can be tried again.
 * Returns the outcome, or null when the person stops here.
 */
export async function saveAnswer(
  s: PracticeSession,
  text: string,
  question: string,
  store: (text: string) => Promise<Outcome>,
): Promise<Outcome | null> {
  const { screen } = s.d;
  for (;;) {
    try {
      return await store(text);
    } catch (err) {
      if (err instanceof GradingFailedError) return gradeAgain(s, err);
      if (err instanceof AnswerKeptError) {
        // Stored: trying again would store it twice. It is graded at the next start.
        screen.say(
          screen.paint(
            "yellow",
            `Your answer is saved, but the interview could not be saved (${reasonOf(err.cause)}). Stop here and run practice again when there is room: it resumes where you were, and your answer is graded then.`,
          ),
        );
        return null;
      }
      screen.say(
        screen.paint("yellow", `Your answer could not be saved (${reasonOf(err)}). Here it is again:`),
      );
      screen.say("");
      screen.say(safeText(text));
      screen.say("");
      const path = await writeRecoveryCopy(s.dataDir, text, { question, at: new Date() });
      screen.say(
        screen.paint(
          "yellow",
          path ? `A copy is in ${path}.` : "It could not be written to a file either: copy it from above.",
        ),
      );
      const key = await pickKey(
        s.d,
        "Enter tries to save it again; q stops here?",
        { "": "again", q: "stop" },
        "Please press Enter, or type q.",
      );
      if (key !== "again") return null;
    }
  }
}
