import type { CriterionId } from "../criteria.js";
import type { CriterionScoresMap } from "./types.js";

/** The grade of an attempt as the state machine needs it: scores, overall, and the next probe. */
export interface GradeSummary {
  overall: number;
  scores: CriterionScoresMap;
  followUp: string;
  weakest: CriterionId;
}

export type InterviewEvent =
  | { type: "answer"; attemptId: string; at: string }
  | { type: "graded"; attemptId: string; grade: GradeSummary; at: string }
  | { type: "follow_up_answer"; attemptId: string; at: string }
  | { type: "retry"; attemptId: string; at: string }
  | { type: "next"; at: string }
  | { type: "skip"; at: string }
  | { type: "end"; at: string }
  | { type: "expire"; at: string; idleSeconds: number }
  | { type: "resume"; at: string };

/** What the adapter must do after a step. The state machine itself does no I/O. */
export type InterviewEffect =
  | { type: "ask_question"; questionId: string; index: number; of: number }
  /** Grade the attempt; `withAttemptId` names an earlier answer to grade together with it (a follow-up). */
  | { type: "grade"; attemptId: string; questionId: string; withAttemptId: string | null }
  | { type: "ask_follow_up"; questionId: string; text: string }
  | { type: "show_feedback"; attemptId: string; previousAttemptId: string | null }
  | { type: "finished"; endedBy: "completed" | "user" | "expired" };
