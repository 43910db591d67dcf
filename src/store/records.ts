import { z } from "zod";
import { CRITERIA, type CriterionId } from "../core/criteria.js";
import type { Delivery } from "../core/delivery/schema.js";
import type { Grade } from "../core/grading/types.js";
import { LevelSchema } from "../core/levels.js";
import { thousands } from "../core/text/plural.js";

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

/** A spoken answer's delivery as stored with its grade, and when it was given: progress over time. */
export interface DeliveryEntry {
  attemptId: string;
  createdAt: string;
  delivery: Delivery;
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
  /** The user's story bank, oldest first. */
  stories: ExportedStory[];
}

/**
 * The story bank's limits, checked on every write. A story entered as four parts is stored joined by
 * blank lines: 4 × 1,450 + 3 × 2 = 5,806 characters, under the whole story's 6,000, so four parts that
 * each pass always make a story that passes. (A Discord modal takes up to 4,000 per field: its story
 * fields are cut to `part`.)
 */
export const STORY_LIMITS = {
  /** Stories a user may keep; adding one more is refused with StoryBankFullError. */
  perUser: 50,
  title: 100,
  text: 6_000,
  part: 1_450,
  competencies: 20,
} as const;

const STORY_PART_NAMES = ["situation", "task", "action", "result"] as const;

/** A story's four parts as stored (JSON): read with no length limit, so a lowered limit never hides one. */
export const StoryPartsSchema = z.object({
  situation: z.string(),
  task: z.string(),
  action: z.string(),
  result: z.string(),
});
export type StoryParts = z.infer<typeof StoryPartsSchema>;

/** A story's competency ids as stored (JSON). */
export const StoryCompetenciesSchema = z.array(z.string().min(1).max(100)).max(STORY_LIMITS.competencies);

/** What the user typed, checked on write: its messages are shown to them (InvalidStoryError). */
export const StoryContentSchema = z.object({
  title: z
    .string()
    .refine((t) => t.trim().length > 0, "A story needs a title.")
    .max(STORY_LIMITS.title, `A story's title can be at most ${STORY_LIMITS.title} characters.`),
  text: z
    .string()
    .refine((t) => t.trim().length > 0, "A story needs some text.")
    .max(STORY_LIMITS.text, `A story can be at most ${thousands(STORY_LIMITS.text)} characters.`),
  parts: z
    .object(
      Object.fromEntries(
        STORY_PART_NAMES.map((p) => [
          p,
          z
            .string()
            .max(
              STORY_LIMITS.part,
              `Each part of a story (situation, task, action, result) can be at most ${thousands(STORY_LIMITS.part)} characters.`,
            ),
        ]),
      ) as Record<keyof StoryParts, z.ZodString>,
    )
    .nullable(),
});

export interface NewStory {
  id: string;
  userId: string;
  title: string;
  /** The whole story as graded (the parts joined by blank lines when it was given as parts). */
  text: string;
  /** The four parts, when the story was entered as four fields. */
  parts: StoryParts | null;
  /** Detected or corrected competency ids. */
  competencies: string[];
  /** The user corrected the competencies: keep them when re-grading. */
  competenciesEdited: boolean;
  /** The level the story shows, as estimated. */
  level: z.infer<typeof LevelSchema>;
  /** Validated by GradeSchema on write and on read. */
  grade: Grade;
  /** The grader's version when the grade was made: a newer grader refreshes the grade. */
  graderVersion: string;
  /** ISO time: the story's createdAt and updatedAt. */
  at: string;
}

export interface StoryRecord extends Omit<NewStory, "at"> {
  createdAt: string;
  updatedAt: string;
}

/** The fields to change, and when (the story's new updatedAt). */
export type StoryPatch = Partial<
  Pick<
    NewStory,
    "title" | "text" | "parts" | "competencies" | "competenciesEdited" | "level" | "grade" | "graderVersion"
  >
> & { at: string };

/** A story as exported: as stored, readable or not (a JSON column that fails its schema is given as stored). */
export interface ExportedStory extends Omit<StoryRecord, "parts" | "competencies" | "level" | "grade"> {
  parts: unknown;
  competencies: unknown;
  level: string;
  grade: unknown;
}
