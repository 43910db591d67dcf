import { StarCoachError } from "../core/errors.js";
import type { Grade } from "../core/grading/types.js";
import type { InterviewState } from "../core/interview/types.js";
import type { PeriodTotals } from "../core/leaderboard/score.js";
import type { GroupStore } from "./group-store.js";
import type {
  AttemptRecord,
  AttemptScore,
  AttemptSummary,
  DeliveryEntry,
  GradeOwner,
  GuildSettings,
  NewAttempt,
  NewStory,
  SessionRecord,
  StoryPatch,
  StoryRecord,
  UserExport,
  UserRecord,
  UserSettings,
} from "./records.js";

/** Someone else saved the session since it was read: reload, re-apply the event, save again. */
export class VersionConflictError extends StarCoachError {
  override readonly name = "VersionConflictError";
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} was changed by another writer`);
  }
}

/**
 * Stored data failed validation: on read (a corrupt row, or a row from a newer version), or on write
 * (a value the store could not read back, refused). Lists skip such a row and log it; a single-row read
 * throws this.
 */
export class StoredDataError extends StarCoachError {
  override readonly name = "StoredDataError";
}

/** The user's story bank holds `limit` stories already: adding one more is refused. */
export class StoryBankFullError extends StarCoachError {
  override readonly name = "StoryBankFullError";
  constructor(
    readonly userId: string,
    readonly limit: number,
  ) {
    super(`story bank of ${userId} is full (${limit} stories)`, {
      userMessage: `Your story bank is full (${limit} stories): delete a story to add another.`,
    });
  }
}

/** A story's title, text or parts are empty or too long: `userMessage` says which limit. */
export class InvalidStoryError extends StarCoachError {
  override readonly name = "InvalidStoryError";
  constructor(userMessage: string) {
    super(`story refused: ${userMessage}`, { userMessage });
  }
}

/** Persistence for users, sessions, attempts and guild settings (group state under `groups`): one contract, two engines. */
export interface Store {
  readonly engine: "sqlite" | "postgres";

  ensureUser(id: string, displayName: string | null, at: string): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  /** The users among `ids` that exist, in one query (a leaderboard's names and opt-ins). */
  getUsers(ids: readonly string[]): Promise<UserRecord[]>;
  saveUserSettings(id: string, settings: UserSettings): Promise<void>;

  createSession(state: InterviewState): Promise<void>;
  getSession(id: string): Promise<SessionRecord<InterviewState> | null>;
  /**
   * The user's newest session that is active or expired (resumable). An open session that fails its
   * schema is closed (status "unreadable"), logged and reported through `onUnreadable`, never returned:
   * a bad session cannot lock its user out.
   */
  findOpenSession(
    userId: string,
    options?: { onUnreadable?: (sessionId: string) => void },
  ): Promise<SessionRecord<InterviewState> | null>;
  /** Saves only if nobody saved since `expectedVersion`; returns the new version or throws VersionConflictError. */
  saveSession(state: InterviewState, expectedVersion: number): Promise<number>;
  listSessions(
    userId: string,
    options?: { finishedOnly?: boolean; limit?: number },
  ): Promise<InterviewState[]>;

  addAttempt(attempt: NewAttempt): Promise<void>;
  getAttempt(id: string): Promise<AttemptRecord<Grade> | null>;
  /** The attempts among `ids` that exist, in one query (a round's answers); in no particular order. */
  getAttempts(ids: readonly string[]): Promise<AttemptRecord<Grade>[]>;
  /** The delivery of the user's spoken answers (those graded with one), oldest first, the latest `limit`. */
  listDeliveries(userId: string, options?: { limit?: number }): Promise<DeliveryEntry[]>;
  saveGrade(attemptId: string, grade: Grade, grader: string, at: string): Promise<void>;
  /** Stored answers that were never graded (the process died in between), oldest first. */
  listUngraded(limit?: number): Promise<AttemptRecord<Grade>[]>;
  /**
   * Claims a stored, ungraded answer for grading by `holder` until `until`: true unless it is graded, gone,
   * or held by another holder whose claim runs past `now`. One statement, so two shards or processes
   * never both hold it. The holder may claim again (to extend); `releaseAttempt` gives it up.
   */
  claimAttempt(attemptId: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Ends `holder`'s claim on the answer, if it still has one, so another may grade it at once. */
  releaseAttempt(attemptId: string, holder: string): Promise<void>;
  /** A user's attempts, newest first. */
  listAttempts(
    userId: string,
    options?: { limit?: number; gradedOnly?: boolean },
  ): Promise<AttemptRecord<Grade>[]>;
  /**
   * A user's attempts with the grade's numbers only (the overall and criterion score columns), newest
   * first: what question selection, streaks and progress read, without answer text or grade JSON.
   * `gradedOnly` keeps those with a score.
   */
  listAttemptSummaries(
    userId: string,
    options?: { limit?: number; gradedOnly?: boolean },
  ): Promise<AttemptSummary[]>;

  /**
   * Guild settings, read through a short per-process cache: a write through this store is seen at once,
   * a write by another process (another shard) within `settingsCacheMs` (see KyselyStore).
   */
  getGuildSettings(guildId: string): Promise<GuildSettings>;
  saveGuildSettings(guildId: string, settings: GuildSettings, at: string): Promise<void>;

  /** Every server with stored settings (for per-server retention). */
  listGuildSettings(): Promise<Array<{ guildId: string; settings: GuildSettings }>>;
  /**
   * The scores of graded attempts given in a server, newest first; `since` is inclusive. Reads the
   * `overall` column only, without parsing every grade: the rows guildStandings aggregates, one by one.
   */
  listGuildScores(guildId: string, options?: { since?: string }): Promise<AttemptScore[]>;
  /**
   * Each user's leaderboard totals for a period, aggregated in one query over the scores of the answers
   * given in a server (read as listGuildScores reads them, from `since`, inclusive): the answers before
   * `now`, without those a follow-up supersedes; `from` (null: all time) starts the period, the answers
   * before it are the baseline. `perDayCap` and `window` are the scoring's (src/core/leaderboard/score.ts).
   * Users with no counted answer in the period are left out; in no particular order.
   */
  guildStandings(
    guildId: string,
    period: { from: string | null; since?: string; now: string },
    rules: { perDayCap: number; window: number },
  ): Promise<PeriodTotals[]>;
  /** Graded attempts given in a server, newest first; `since` is inclusive. */
  listGuildAttempts(
    guildId: string,
    options?: { since?: string; limit?: number },
  ): Promise<AttemptRecord<Grade>[]>;

  readonly groups: GroupStore;

  /** Records an interaction id; false when it was already recorded (a replay: handle it once). */
  claimInteraction(id: string, at: string): Promise<boolean>;
  /** Forgets interaction ids recorded before `before`. */
  forgetInteractions(before: string): Promise<number>;
  /** Starts a cooldown unless one is running; shared by every shard and process on the store. */
  takeCooldown(
    userId: string,
    key: string,
    now: string,
    seconds: number,
  ): Promise<{ ok: true } | { ok: false; retryAfterSec: number }>;

  /**
   * LLM grades by cache key, per user, so the same user's identical answer is never paid for twice.
   * Each is linked to its user and answer: exported and deleted with them, and expired with the answer.
   */
  getCachedGrade(key: string, userId: string): Promise<Grade | null>;
  setCachedGrade(key: string, grade: Grade, at: string, owner: GradeOwner): Promise<void>;
  /** LLM tokens spent on a UTC day, by a user and by a guild; shared by every shard and process. */
  tokensSpent(userId: string, guildId: string | null, day: string): Promise<{ user: number; guild: number }>;
  spendTokens(userId: string, guildId: string | null, tokens: number, day: string): Promise<void>;

  /**
   * Adds a story to the user's bank. Refused with StoryBankFullError when they keep
   * STORY_LIMITS.perUser already (checked in the same statement, so two adds at once cannot pass it),
   * with InvalidStoryError when the title, text or parts break STORY_LIMITS, and with StoredDataError
   * when another field fails its schema. NUL and unpaired surrogates become U+FFFD, as in answers.
   */
  addStory(story: NewStory): Promise<void>;
  /** The user's stories, oldest first; a row that fails validation is skipped and logged. */
  listStories(userId: string): Promise<StoryRecord[]>;
  /** The user's story; null when there is none with that id, or it is another user's. */
  getStory(userId: string, id: string): Promise<StoryRecord | null>;
  /**
   * Changes the given fields of the user's story (checked as addStory checks them) and sets its
   * updatedAt to `patch.at`; returns the story as stored, or null when it is not theirs or gone.
   */
  updateStory(userId: string, id: string, patch: StoryPatch): Promise<StoryRecord | null>;
  /** Deletes the user's story, leaving no byte of it (as deleteUser); false when it was not theirs or gone. */
  deleteStory(userId: string, id: string): Promise<boolean>;
  countStories(userId: string): Promise<number>;

  /** Everything stored about the user, readable or not. */
  exportUser(userId: string, at: string): Promise<UserExport>;
  /**
   * Deletes everything stored about the user, cached LLM grades, token counts and stories included; no
   * byte stays.
   */
  deleteUser(userId: string): Promise<{ sessions: number; attempts: number; stories: number }>;
  /**
   * Deletes attempts created before `before` (only those given in `guildId` when it is set), with their
   * cached LLM grades. Without `guildId` (the global retention period) it also deletes the stories last
   * updated before `before`: a story is the user's text, kept by the same rule as their answers; a
   * server's own retention leaves stories alone, as they belong to no server. Returns how many answers
   * and stories it deleted.
   */
  purgeAttemptsBefore(before: string, guildId?: string): Promise<number>;

  close(): Promise<void>;
}
