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

/** One row per guild and UTC day: whoever inserts it posts that day's question. */
export interface DailyPostsTable {
  guild_id: string;
  day: string;
  claimed_by: string;
  claimed_at: string;
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

export interface LlmCacheTable {
  key: string;
  grade: string;
  created_at: string;
}

export interface LlmSpendTable {
  day: string;
  scope: string;
  subject: string;
  tokens: number;
}

export interface Database {
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
