import type {
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIInteractionResponseCallbackData,
  APIMessageTopLevelComponent,
  APIModalInteractionResponseCallbackComponent,
  InteractionResponseType,
  InteractionType,
  Locale,
} from "discord.js";

export interface UserSpec {
  id?: string;
  username?: string;
  globalName?: string | null;
  /** The member's permissions in interactions (default: an ordinary member's). */
  permissions?: bigint;
  locale?: Locale;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly globalName: string | null;
  readonly permissions: bigint | undefined;
  readonly locale: Locale;
}

export interface ChannelSpec {
  id?: string;
  name: string;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Text channels; default one `#general`. */
  channels?: ChannelSpec[];
  /** Members besides the bot; users who interact are added as they do. */
  members?: UserSpec[];
  ownerId?: string;
  locale?: Locale;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  /** Defaults to the application id, as for most bots. */
  botUserId?: string;
  botUsername?: string;
  token?: string;
  /** Default: one guild with one text channel, `#general`. */
  guilds?: GuildSpec[];
  /** The bot's permissions in every guild (its managed role). */
  botPermissions?: bigint;
  /** Shard count recommended by `GET /gateway/bot`. */
  shards?: number;
  /** Sent in HELLO; Discord's is 41250. Make it small to see heartbeats in a test. */
  heartbeatIntervalMs?: number;
  /** An interaction acknowledged later than this gets Discord's 10062 "Unknown interaction". */
  ackDeadlineMs?: number;
  /** How long `await i.reply()` and the other waits give the bot. */
  waitTimeoutMs?: number;
}

export interface UploadedFile {
  key: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** Every HTTP request the bot made, with its parsed body (`payload_json` for multipart). */
export interface RecordedRequest {
  method: string;
  /** Decoded, without `/api/v10`: `/webhooks/1/abc/messages/@original`. */
  path: string;
  /** The matched route template, `/webhooks/:appId/:token/messages/:messageId`, or `null`. */
  route: string | null;
  query: Record<string, string>;
  authorized: boolean;
  body: unknown;
  files: UploadedFile[];
  status: number;
  at: number;
}

/** A request Discord would have refused: a broken limit, a double acknowledgement, a late one... */
export interface Violation {
  method: string;
  path: string;
  route: string | null;
  status: number;
  code: number;
  message: string;
  /** Field errors as discord.js prints them: `data.content: Must be 2000 or fewer in length.` */
  errors: string[];
  detail?: string;
  interactionId?: string;
  body: unknown;
}

export interface UnknownRoute {
  method: string;
  path: string;
}

/** Callback data of any type; `reply()`, `modal()` and `choices()` give narrower views of it. */
export interface CallbackData extends Omit<APIInteractionResponseCallbackData, "components"> {
  components?: APIMessageTopLevelComponent[] | APIModalInteractionResponseCallbackComponent[];
  custom_id?: string;
  title?: string;
  choices?: APIApplicationCommandOptionChoice[];
}

export interface CallbackRecord {
  type: InteractionResponseType;
  data: CallbackData;
  files: UploadedFile[];
  /** Milliseconds from dispatching INTERACTION_CREATE to receiving this callback. */
  latencyMs: number;
}

export interface EditRecord {
  messageId: string;
  body: CallbackData;
  files: UploadedFile[];
}

export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  /** `/interview start`, `button interview:answer`, `modal answer`... for messages and latency reports. */
  readonly label: string;
  readonly userId: string;
  readonly payload: APIInteraction;
  readonly dispatchedAt: number;
  callback?: CallbackRecord;
  /** The message `@original` points at once the interaction is acknowledged. */
  originalMessageId?: string;
  readonly edits: EditRecord[];
  readonly followUpIds: string[];
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  invalidSessions: number;
}
