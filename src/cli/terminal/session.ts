import type { Content } from "../../core/content/load.js";
import type { Grade } from "../../core/grading/types.js";
import type { SessionService } from "../../sessions/session-service.js";
import type { AttemptRecord } from "../../store/records.js";
import type { Dialog } from "./dialog.js";

/** The terminal handed to another program (an editor) and taken back. */
export interface TerminalHandover {
  /** Whether the input is a terminal a person types at (an editor needs one). */
  interactive: boolean;
  handOver(): void;
  takeBack(): void;
}

/** Everything one terminal interview works with. */
export interface PracticeSession {
  d: Dialog;
  content: Content;
  service: SessionService;
  userId: string;
  /** Where a copy of an answer that could not be stored goes (DATA_DIR). */
  dataDir: string;
  env: Record<string, string | undefined>;
  terminal: TerminalHandover;
  getAttempt(id: string): Promise<AttemptRecord<Grade> | null>;
}

/** How an interview in the terminal ended, as the exit code says it. */
export const EXIT = { done: 0, failed: 1, interrupted: 130 } as const;
