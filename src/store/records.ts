import { z } from "zod";
import type { CriterionId } from "../core/criteria.js";
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

export interface UserExport {
  exportedAt: string;
  user: UserRecord | null;
  sessions: unknown[];
  attempts: AttemptRecord[];
  /** Group rounds the user answered in, and the ratings they gave others. */
  roundEntries: RoundEntry[];
  peerRatings: StoredPeerRating[];
}
