import { StarCoachError } from "../core/errors.js";

/** More answers waiting for a grading worker than the queue holds: this one is not graded (it stays saved). */
export class GradingQueueFullError extends StarCoachError {
  override readonly name = "GradingQueueFullError";
  constructor(readonly waiting: number) {
    super(`the grading queue is full (${waiting} answers waiting)`);
  }
}

/** The grading worker threw while grading: the same error grading in the bot's thread would have thrown. */
export class WorkerGradingError extends StarCoachError {
  override readonly name = "WorkerGradingError";
  constructor(name: string, message: string, stack: string | undefined) {
    super(`${name}: ${message}`);
    if (stack) this.stack = stack;
  }
}
