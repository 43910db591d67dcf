import { randomUUID } from "node:crypto";
import type { Config } from "../config.js";
import type { Content } from "../core/content/load.js";
import type { Store } from "../store/store.js";
import type { GradeFn } from "./grader.js";
import { SessionService } from "./session-service.js";

/** Questions from this many of a user's latest attempts are not asked again while others remain. */
const AVOID_LAST_ATTEMPTS = 30;

export function createSessionService(
  config: Config,
  store: Store,
  content: Content,
  grade: GradeFn,
): SessionService {
  return new SessionService({
    store,
    content,
    grade,
    now: () => new Date(),
    newId: randomUUID,
    random: Math.random,
    idleSeconds: config.SESSION_IDLE_MINUTES * 60,
    avoidLast: AVOID_LAST_ATTEMPTS,
  });
}

/** Applies the retention setting: attempts older than RETENTION_DAYS are deleted (0 keeps them). */
export async function applyRetention(config: Config, store: Store, now: Date): Promise<number> {
  if (config.RETENTION_DAYS <= 0) return 0;
  return store.purgeAttemptsBefore(
    new Date(now.getTime() - config.RETENTION_DAYS * 86_400_000).toISOString(),
  );
}
