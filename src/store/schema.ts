import type { Generated } from "kysely";

/** Table shapes as Kysely sees them. Timestamps are ISO-8601 text and JSON is text, on both engines. */
export interface UsersTable {
  id: string;
  display_name: string | null;
  settings: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  status: string;
  state: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AttemptsTable {
  id: string;
  user_id: string;
  guild_id: string | null;
  session_id: string | null;
  question_id: string | null;
  question_text: string;
  competency: string | null;
  level: string;
  kind: string;
  answer_text: string;
  combine_with: string | null;
  grade: string | null;
  grader: string | null;
  created_at: string;
  graded_at: string | null;
  /** Who is grading it (0006), until `claimed_until`; after that anyone may (see Store.claimAttempt). */
  claimed_by: Generated<string | null>;
  claimed_until: Generated<string | null>;
  /** The grade's overall score (0008), kept beside its JSON for lists that need only the number. */
  overall: Generated<number | null>;
  /** The grade's criterion scores as JSON (0009), for lists that need the numbers but not the grade. */
  criterion_scores: Generated<string | null>;
}

export interface GuildSettingsTable {
  guild_id: string;
  settings: string;
  updated_at: string;
}

export interface GroupRoundsTable {
  id: string;
  guild_id: string;
  status: string;
  closes_at: string;
  round: string;
  created_at: string;
  /** `none` (open, or closed unposted), `pending` (claimed or to retry), `posted`, `abandoned` (channel gone). */
  summary_state: Generated<string>;
  /** The claimant's token while the summary is pending: later writes must name it. */
  summary_by: string | null;
  /** Until then the claimant holds the summary; after it, anyone may retry. */
  summary_lease_until: string | null;
  summary_attempts: Generated<number>;
  summary_message_id: string | null;
}

export interface RoundEntriesTable {
  round_id: string;
  user_id: string;
  attempt_id: string;
  share: string;
  created_at: string;
  updated_at: string;
}

export interface PeerRatingsTable {
  round_id: string;
  rater_id: string;
  target_id: string;
  criterion: string;
  score: number;
  at: string;
}

export interface DailySchedulesTable {
  guild_id: string;
  schedule: string;
  updated_at: string;
}

/**
 * One row per guild and UTC day: a claim on posting that day's question, held until `lease_until`, and
 * `posted` once the round is up (see the scheduler).
 */
export interface DailyPostsTable {
  guild_id: string;
  day: string;
  claimed_by: string;
  claimed_at: string;
  /** `claimed` (being posted, or to retry once the lease is over) or `posted`. */
  state: Generated<string>;
  lease_until: Generated<string>;
  attempts: Generated<number>;
  /** The round the claim created, and its announcement once posted: a retry goes on from them. */
  round_id: string | null;
  message_id: string | null;
  posted_at: string | null;
}

export interface InteractionsTable {
  id: string;
  handled_at: string;
}

export interface CooldownsTable {
  user_id: string;
  key: string;
  until: string;
}

/** One cached LLM grade per user and key (0005), linked to the answer it graded. */
export interface LlmCacheTable {
  user_id: string;
  key: string;
  guild_id: string | null;
  attempt_id: string | null;
  grade: string;
  created_at: string;
}

export interface LlmSpendTable {
  day: string;
  scope: string;
  subject: string;
  tokens: number;
}

/** A user's story bank (0010): their own STAR stories, graded, kept until they delete them or retention does. */
export interface StoriesTable {
  id: string;
  user_id: string;
  title: string;
  text: string;
  /** JSON of the four parts, or null when the story was entered whole. */
  parts: string | null;
  /** JSON array of competency ids. */
  competencies: string;
  /** 1 when the user corrected the competencies, else 0. */
  competencies_edited: number;
  level: string;
  grade: string;
  grader_version: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  stories: StoriesTable;
  llm_cache: LlmCacheTable;
  llm_spend: LlmSpendTable;
  interactions: InteractionsTable;
  cooldowns: CooldownsTable;
  users: UsersTable;
  sessions: SessionsTable;
  attempts: AttemptsTable;
  guild_settings: GuildSettingsTable;
  group_rounds: GroupRoundsTable;
  round_entries: RoundEntriesTable;
  peer_ratings: PeerRatingsTable;
  daily_schedules: DailySchedulesTable;
  daily_posts: DailyPostsTable;
}
