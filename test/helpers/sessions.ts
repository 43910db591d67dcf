import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import { seededRandom } from "../../src/core/interview/select.js";
import type { GradeFn } from "../../src/sessions/grader.js";
import { SessionService } from "../../src/sessions/session-service.js";
import { openSqliteStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { content } from "./grade.js";

export const offlineGrade: GradeFn = async (input) => gradeAnswer(input, content);

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "star-coach-"));
}

export function tempDbPath(): string {
  return join(tempDataDir(), "coach.db");
}

export interface Harness {
  store: Store;
  service: SessionService;
  clock: { now: Date };
}

/** A session service on a real SQLite file, with a clock the test moves. */
export async function harness(options: { path?: string; grade?: GradeFn } = {}): Promise<Harness> {
  const store = await openSqliteStore(options.path ?? tempDbPath());
  const clock = { now: new Date("2026-02-02T09:00:00.000Z") };
  const service = new SessionService({
    store,
    content,
    grade: options.grade ?? offlineGrade,
    now: () => clock.now,
    newId: randomUUID,
    random: seededRandom(3),
    idleSeconds: 1800,
    avoidLast: 30,
  });
  return { store, service, clock };
}
