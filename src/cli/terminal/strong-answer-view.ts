import { extractEvidence } from "../../core/evidence/extract.js";
import type { StarPart } from "../../core/evidence/types.js";
import { restructureAnswer } from "../../core/feedback/restructure.js";
import type { InterviewState } from "../../core/interview/types.js";
import { findModelAnswer, MODEL_ANSWER_PARTS } from "../../core/questions/model-answers.js";
import { safeText } from "./sanitize.js";
import type { PracticeSession } from "./session.js";
import type { ShownFeedback } from "./views.js";

const LABEL: Record<StarPart, string> = { situation: "S", task: "T", action: "A", result: "R" };
/** Continuation lines sit under the text, past "S  ". */
const HANG = 3;

/**
 * The `m` key after feedback: the candidate's own answer rebuilt in STAR order (placeholders where a part
 * is missing), then the team's model answer for this question, or for its competency, labelled S/T/A/R.
 */
export async function showStrongAnswer(
  s: PracticeSession,
  state: InterviewState,
  last: ShownFeedback | null,
): Promise<void> {
  const { screen } = s.d;
  const item = state.items[state.index];
  if (!item) return;
  const question = s.content.bank.get(item.questionId);
  const own = item.attempts.filter((a) => a.kind !== "follow_up").at(-1);
  const record = own ? await s.getAttempt(own.attemptId) : null;
  if (record) {
    const ev = extractEvidence(
      { answer: record.answerText, question: question?.text ?? "" },
      s.content.lexicon,
    );
    const parts = restructureAnswer(ev, { baselineAndAfter: last?.grade.flags.baseline_and_after ?? false });
    screen.say("");
    screen.say(screen.paint("bold", "Your answer, restructured"));
    for (const p of parts) {
      const text = [
        ...p.sentences.map(safeText),
        ...(p.placeholder ? [screen.paint("yellow", p.placeholder)] : []),
      ];
      screen.say(`${screen.paint("bold", LABEL[p.part])}  ${text.join(" ")}`, HANG);
    }
  }
  const found = findModelAnswer(s.content.bank, item.questionId, state.config.level);
  screen.say("");
  if (!found) {
    screen.say(screen.paint("dim", "No model answer is written for this competency yet."));
    return;
  }
  const about = found.sameQuestion
    ? "for this question"
    : `for another ${found.question.competency} question`;
  screen.say(screen.paint("bold", `A strong answer ${about} (${found.answer.level} level)`));
  if (!found.sameQuestion) screen.say(screen.paint("dim", safeText(found.question.text)));
  for (const part of MODEL_ANSWER_PARTS)
    screen.say(`${screen.paint("bold", LABEL[part])}  ${found.answer[part]}`, HANG);
}
