import { z } from "zod";
import { CRITERIA, type CriterionId } from "../core/criteria.js";
import { LevelSchema } from "../core/levels.js";

export const ATTEMPT_KINDS = ["answer", "follow_up", "retry", "single", "group"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export interface UserRecord {
  id: string;
  displayName: string | null;
  createdAt: string;
  settings: UserSettings;
}

export const UserSettingsSchema = z.object({
  /** Shown on leaderboards and named in group summaries only when true. */
  public: z.boolean().default(false),
  defaultLevel: LevelSchema.nullable().default(null),
});
export type UserSettings = z.infer<typeof UserSettingsSchema>;

export interface NewAttempt {
  id: string;
  userId: string;
  /** The server the answer was given in; null in DMs and the terminal. Retention and leaderboards use it. */
  guildId?: string | null;
  sessionId: string | null;
  questionId: string | null;
  questionText: string;
  competency: string | null;
  level: z.infer<typeof LevelSchema>;
  kind: AttemptKind;
  answerText: string;
  /** A follow-up answer is graded together with this earlier attempt. */
  combineWith: string | null;
  createdAt: string;
}

export interface AttemptRecord<G = unknown> extends NewAttempt {
  guildId: string | null;
  grade: G | null;
  grader: string | null;
  gradedAt: string | null;
}

/** A graded answer as a leaderboard reads it: ids, time and the overall score; no text, no grade JSON. */
export interface AttemptScore {
  id: string;
  userId: string;
  sessionId: string | null;
  combineWith: string | null;
  createdAt: string;
  overall: number;
}

/** A grade's criterion scores (0–4) as stored beside it (0009), keyed by criterion. */
export const CriterionScoresSchema = z.object(
  Object.fromEntries(CRITERIA.map((c) => [c, z.number().int().min(0).max(4)])) as Record<
    CriterionId,
    z.ZodNumber
  >,
);

/**
 * A user's attempt as question selection, streaks and progress read it: what was asked, when, and the
 * grade's numbers (null until graded); no answer text, no grade JSON.
 */
export interface AttemptSummary {
  id: string;
  sessionId: string | null;
  questionId: string | null;
  competency: string | null;
  kind: string;
  createdAt: string;
  score: { overall: number; scores: Record<CriterionId, number> } | null;
}

export interface SessionRecord<S = unknown> {
  state: S;
  version: number;
}

export const GuildSettingsSchema = z.object({
  defaultLevel: LevelSchema.nullable().default(null),
  llmGrading: z.boolean().default(true),
  /** Tokens per day for the whole server; 0 means the global default applies. */
  dailyLlmTokens: z.number().int().min(0).default(0),
  groupFeedback: z.enum(["private", "public"]).default("private"),
  /** Days to keep answers; 0 keeps them until the user deletes them. */
  retentionDays: z.number().int().min(0).default(0),
});
export type GuildSettings = z.infer<typeof GuildSettingsSchema>;

export const GroupRoundSchema = z.object({
  id: z.string(),
  guildId: z.string(),
  /** The channel the round was started in; the question and summary go to `threadId` when there is one. */
  channelId: z.string(),
  threadId: z.string().nullable(),
  /** The question message with the Answer button. */
  messageId: z.string().nullable(),
  questionId: z.string(),
  level: LevelSchema,
  focus: z.string().nullable(),
  /** The user who started it, or null for the daily question. */
  startedBy: z.string().nullable(),
  source: z.enum(["group", "daily"]),
  /** The server's group feedback setting when the round started. */
  feedback: z.enum(["private", "public"]),
  status: z.enum(["open", "closed"]),
  closesAt: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type GroupRound = z.infer<typeof GroupRoundSchema>;

export const SHARE_CHOICES = ["none", "masked", "verbatim"] as const;
export const ShareSchema = z.enum(SHARE_CHOICES);

/** A user's answer in a round: one per user, a second replaces the first. */
export interface RoundEntry {
  roundId: string;
  userId: string;
  attemptId: string;
  /** What the group may see of the answer text: nothing (the default), a masked copy, or the text. */
  share: z.infer<typeof ShareSchema>;
  createdAt: string;
  updatedAt: string;
}

export interface StoredPeerRating {
  roundId: string;
  raterId: string;
  targetId: string;
  criterion: CriterionId;
  score: number;
  at: string;
}

export const DailyScheduleSchema = z.object({
  guildId: z.string(),
  channelId: z.string(),
  /** UTC time of day, HH:MM. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  focus: z.string().nullable(),
  level: LevelSchema.nullable(),
  /** How long each daily round stays open, in minutes. */
  minutes: z.number().int().min(5).max(1440),
  setBy: z.string(),
  updatedAt: z.string(),
});
export type DailySchedule = z.infer<typeof DailyScheduleSchema>;

/** Whose answer an LLM grade in the cache belongs to: it is kept per user and deleted with the answer. */
export interface GradeOwner {
  userId: string;
  guildId: string | null;
  /** The stored answer it graded; null when the grade was asked for outside a stored answer. */
  attemptId: string | null;
}

/** An attempt as exported: as stored, readable or not (a grade that fails its schema is given as stored). */
export interface ExportedAttempt extends Omit<AttemptRecord, "level" | "kind"> {
  level: string;
  kind: string;
}

/** An LLM grade kept in the cache for the user: its quotes are sentences of their answer. */
export interface ExportedCachedGrade {
  key: string;
  attemptId: string | null;
  guildId: string | null;
  grade: unknown;
  createdAt: string;
}

export interface UserExport {
  exportedAt: string;
  user: (Omit<UserRecord, "settings"> & { settings: unknown }) | null;
  sessions: unknown[];
  attempts: ExportedAttempt[];
  /** Group rounds the user answered in, and the ratings they gave others. */
  roundEntries: RoundEntry[];
  peerRatings: StoredPeerRating[];
  llmCache: ExportedCachedGrade[];
  /** LLM tokens counted against the user's daily budget. */
  llmSpend: Array<{ day: string; tokens: number }>;
}
