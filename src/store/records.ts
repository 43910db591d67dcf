import { z } from "zod";
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
  channelId: z.string(),
  threadId: z.string().nullable(),
  questionId: z.string(),
  startedBy: z.string(),
  status: z.enum(["open", "closed"]),
  closesAt: z.string(),
  createdAt: z.string(),
  /** Round details that only the Discord layer reads (message ids, settings at start). */
  data: z.record(z.string(), z.unknown()),
});
export type GroupRound = z.infer<typeof GroupRoundSchema>;

export interface UserExport {
  exportedAt: string;
  user: UserRecord | null;
  sessions: unknown[];
  attempts: AttemptRecord[];
}
