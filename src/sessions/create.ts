import { randomUUID } from "node:crypto";
import type { Config } from "../config.js";
import type { Content } from "../core/content/load.js";
import type { Store } from "../store/store.js";
import type { GradeFn } from "./grader.js";
import { GroupService } from "./group-service.js";
import { SessionService } from "./session-service.js";

/** Questions from this many of a user's latest attempts are not asked again while others remain. */
const AVOID_LAST_ATTEMPTS = 30;
/** Time beyond the LLM deadline for the store's writes before a claim on grading an answer lapses. */
const GRADE_LEASE_MARGIN_MS = 30_000;

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
    // A claim on grading an answer outlasts the LLM's deadline, so only a dead process's claim lapses.
    gradeLeaseMs: config.OPENAI_TIMEOUT_MS + GRADE_LEASE_MARGIN_MS,
  });
}

export function createGroupService(
  store: Store,
  content: Content,
  sessions: SessionService,
  now: () => Date = () => new Date(),
): GroupService {
  return new GroupService({
    store,
    content,
    sessions,
    newId: randomUUID,
    now,
    random: Math.random,
  });
}

const DAY_MS = 86_400_000;

/**
 * Applies retention: attempts older than RETENTION_DAYS are deleted everywhere, and a server's own
 * retention (`/settings server retention_days`) deletes older answers given in that server. 0 keeps them.
 */
export async function applyRetention(config: Config, store: Store, now: Date): Promise<number> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  let purged = config.RETENTION_DAYS > 0 ? await store.purgeAttemptsBefore(before(config.RETENTION_DAYS)) : 0;
  for (const { guildId, settings } of await store.listGuildSettings()) {
    if (settings.retentionDays > 0)
      purged += await store.purgeAttemptsBefore(before(settings.retentionDays), guildId);
  }
  return purged;
}
