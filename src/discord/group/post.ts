import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import {
  ButtonStyle,
  ChannelType,
  type Client,
  DiscordAPIError,
  type Message,
  RESTJSONErrorCodes,
  type SendableChannels,
  type TextChannel,
  ThreadAutoArchiveDuration,
  type ThreadChannel,
} from "discord.js";
import { after, LEASE_MS, retryDelayMs } from "../../core/daily/retry.js";
import type { RoundSummary } from "../../core/group/summary.js";
import type { Question } from "../../core/questions/schema.js";
import type { StartRound } from "../../sessions/group-service.js";
import type { ClaimRequest } from "../../store/group-store.js";
import type { GroupRound } from "../../store/records.js";
import { button, row } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { truncate } from "../limits.js";
import { roundAnnouncement, roundQuestionEmbed, summaryEmbed } from "../render/round-embeds.js";
import { NO_MENTIONS } from "../reply.js";

/** Names this process in claims, for the logs. */
export const PROCESS_ID = `${hostname()}:${process.pid}`;

/** A claim request for one attempt: a token of its own, so a later write can tell whose claim it is. */
export function newClaim(ctx: Pick<BotContext, "now">): ClaimRequest {
  const now = ctx.now();
  return {
    by: `${PROCESS_ID}:${randomUUID().slice(0, 8)}`,
    at: now.toISOString(),
    leaseUntil: after(now, LEASE_MS),
  };
}

/**
 * A message nonce (at most 25 characters) for a post that may be retried. Sent with `enforceNonce`,
 * Discord returns the message already created with it (for a few minutes) instead of creating another:
 * so a retry after a post whose answer was lost, or whose id was never recorded, does not post twice.
 */
export function nonceFor(kind: "announcement" | "question" | "summary", roundId: string): string {
  return kind[0] + createHash("sha256").update(roundId).digest("hex").slice(0, 24);
}

/** A post that failed, was logged, and was given back to be tried again from `retryAt`. */
export class PostRetryScheduled extends UserError {
  constructor(
    message: string,
    readonly retryAt: Date,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function roundButtons(roundId: string) {
  return row(
    button("Answer", { kind: "gr-answer", roundId, replace: false }, ButtonStyle.Primary),
    button("Review an answer", { kind: "gr-review", roundId }),
    button("Close round", { kind: "gr-close", roundId }, ButtonStyle.Danger),
  );
}

const codeOf = (err: unknown): number | null => (err instanceof DiscordAPIError ? Number(err.code) : null);

async function textChannel(client: Client, id: string): Promise<TextChannel> {
  const channel = await client.channels.fetch(id);
  if (channel?.type !== ChannelType.GuildText)
    throw new UserError("Group rounds need a text channel where the bot can create threads.");
  return channel;
}

/** What an earlier attempt at posting a round got done, and how to record progress. */
export interface RoundPosting {
  /** The announcement an earlier attempt posted: the round goes on from it instead of posting another. */
  announcementId?: string | null;
  /** Called as soon as the announcement exists, before anything else can fail, to record it. */
  onAnnounced?: (messageId: string) => Promise<void>;
}

/** An announcement posted earlier, or null if it has been deleted since (then a new one is posted). */
async function earlierAnnouncement(
  ctx: BotContext,
  channel: TextChannel,
  id: string,
  roundId: string,
): Promise<Message | null> {
  try {
    return await channel.messages.fetch(id);
  } catch (err) {
    if (codeOf(err) !== RESTJSONErrorCodes.UnknownMessage) throw err;
    ctx.log.warn(
      { err, roundId, messageId: id },
      "the round's earlier announcement is gone; posting it again",
    );
    return null;
  }
}

/** The thread from the announcement: started now, or the one an earlier attempt started. */
async function threadFrom(client: Client, announcement: Message, name: string): Promise<ThreadChannel> {
  try {
    return await announcement.startThread({ name, autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
  } catch (err) {
    if (codeOf(err) !== RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) throw err;
    // A thread started from a message has the message's id.
    const existing = await client.channels.fetch(announcement.id);
    if (existing?.isThread()) return existing;
    throw err;
  }
}

/**
 * Posts a stored round: a short announcement in the channel, a public thread from it, and the question
 * with its buttons inside the thread. Returns the round with the thread and message ids. Every step can be
 * retried: an announcement given in `posting` is reused, a thread already started from it is found, and
 * each message carries a nonce so that Discord does not create it twice.
 */
export async function postRound(
  client: Client,
  ctx: BotContext,
  round: GroupRound,
  question: Question,
  posting: RoundPosting = {},
): Promise<GroupRound> {
  const channel = await textChannel(client, round.channelId);
  const competency = ctx.content.bank.competency(question.competency)?.name ?? question.competency;
  const announcement =
    (posting.announcementId
      ? await earlierAnnouncement(ctx, channel, posting.announcementId, round.id)
      : null) ??
    (await channel.send({
      content: roundAnnouncement(round, round.focus ? competency : null),
      allowedMentions: NO_MENTIONS,
      nonce: nonceFor("announcement", round.id),
      enforceNonce: true,
    }));
  await posting.onAnnounced?.(announcement.id);
  const day = round.createdAt.slice(0, 10);
  const thread = await threadFrom(
    client,
    announcement,
    truncate(`${round.source === "daily" ? `Daily ${day}` : "Group round"}: ${competency}`, 100),
  );
  const message = await thread.send({
    embeds: [roundQuestionEmbed(round, question, competency)],
    components: [roundButtons(round.id)],
    allowedMentions: NO_MENTIONS,
    nonce: nonceFor("question", round.id),
    enforceNonce: true,
  });
  return ctx.groups.attach(round, thread.id, message.id);
}

/** Where to post in: the channel, or null when Discord says it no longer exists. Other failures throw. */
async function sendable(ctx: BotContext, client: Client, id: string): Promise<SendableChannels | null> {
  try {
    const channel = await client.channels.fetch(id);
    return channel?.isSendable() ? channel : null;
  } catch (err) {
    if (codeOf(err) !== RESTJSONErrorCodes.UnknownChannel) throw err;
    ctx.log.warn({ err, channelId: id }, "the round's channel or thread no longer exists");
    return null;
  }
}

const NO_ACCESS = new Set<number>([RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

/**
 * Starts a round and posts it. If posting fails the round is closed at once, without a summary, so the
 * closer never posts one for a round nobody could see; a missing permission becomes a message the user
 * can act on.
 */
export async function startRound(client: Client, ctx: BotContext, input: StartRound): Promise<GroupRound> {
  const { round, question } = await ctx.groups.start(input);
  try {
    return await postRound(client, ctx, round, question);
  } catch (err) {
    await ctx.store.groups
      .closeRound(round.id, ctx.now().toISOString(), null, null)
      .catch((closeErr: unknown) =>
        ctx.log.error({ err: closeErr, roundId: round.id }, "could not close a round that failed to post"),
      );
    if (NO_ACCESS.has(codeOf(err) ?? 0))
      throw new UserError(
        "I can't post the round in that channel: I need View Channel, Send Messages, Create Public Threads and Send Messages in Threads there.",
      );
    throw err;
  }
}

/**
 * Posts the summary where the round was and takes the buttons off the question. Returns the summary's
 * message, or null when the channel and thread are gone (there is nowhere to post it).
 */
export async function postSummary(
  client: Client,
  ctx: BotContext,
  round: GroupRound,
  summary: RoundSummary,
): Promise<Message | null> {
  const where = await sendable(ctx, client, round.threadId ?? round.channelId);
  if (!where) return null;
  const sent = await where.send({
    embeds: [
      summaryEmbed(round, ctx.content.bank.get(round.questionId) ?? null, summary, ctx.content.rubric),
    ],
    allowedMentions: NO_MENTIONS,
    nonce: nonceFor("summary", round.id),
    enforceNonce: true,
  });
  if (round.messageId && "messages" in where) {
    await where.messages
      .edit(round.messageId, { components: [] })
      .catch((err: unknown) =>
        ctx.log.warn({ err, roundId: round.id }, "could not remove the round's buttons"),
      );
  }
  return sent;
}

/**
 * Posts a closed round's summary under claim `by` (attempt `attempt`) and records it. On failure the
 * claim is given back with a retry time and PostRetryScheduled is thrown, already logged.
 */
export async function publishSummary(
  client: Client,
  ctx: BotContext,
  round: GroupRound,
  by: string,
  attempt: number,
  summary?: RoundSummary,
): Promise<void> {
  const roundId = round.id;
  try {
    const sent = await postSummary(client, ctx, round, summary ?? (await ctx.groups.summary(round)));
    if (!(await ctx.store.groups.recordSummary(roundId, by, sent?.id ?? null)))
      ctx.log.warn({ roundId, by }, "summary posted after this process's claim was taken over");
    else if (sent) ctx.log.info({ roundId, messageId: sent.id, attempt, by }, "round summary posted");
    else ctx.log.warn({ roundId }, "round summary not posted: its channel and thread are gone");
  } catch (err) {
    const retryAt = new Date(ctx.now().getTime() + retryDelayMs(attempt));
    await ctx.store.groups
      .releaseSummary(roundId, by, retryAt.toISOString())
      .catch((releaseErr: unknown) =>
        ctx.log.error(
          { err: releaseErr, roundId },
          "could not give back the summary's claim; it is retried when its lease ends",
        ),
      );
    ctx.log.error(
      { err, roundId, attempt, retryAt: retryAt.toISOString() },
      "could not post the round summary; will retry",
    );
    throw new PostRetryScheduled(
      "The round is closed, but its summary could not be posted yet. It will be posted in the thread shortly.",
      retryAt,
      { cause: err },
    );
  }
}

/**
 * Closes a round and posts its summary, once across every shard and process: the close claims the
 * summary, and a summary whose post failed is retried by the scheduler (see `retrySummary`). A round
 * that was never posted closes without one.
 */
export async function closeAndSummarize(
  client: Client,
  ctx: BotContext,
  roundId: string,
  by: string | null,
): Promise<GroupRound | null> {
  const before = await ctx.groups.round(roundId);
  const claim = before.messageId ? newClaim(ctx) : null;
  const closed = await ctx.groups.close(roundId, by, claim);
  if (!closed) return null;
  ctx.log.info({ roundId, answered: closed.summary.answered, by }, "group round closed");
  if (!claim) {
    ctx.log.warn({ roundId }, "closed a round that was never posted: no summary");
    return closed.round;
  }
  await publishSummary(client, ctx, closed.round, claim.by, 1, closed.summary);
  return closed.round;
}

/** Takes a pending summary (a failed or interrupted post) whose lease is over, and posts it. */
export async function retrySummary(client: Client, ctx: BotContext, round: GroupRound): Promise<void> {
  const claim = newClaim(ctx);
  const attempt = await ctx.store.groups.claimSummary(round.id, claim);
  if (attempt === null) return;
  ctx.log.info({ roundId: round.id, attempt, by: claim.by }, "retrying a round summary");
  await publishSummary(client, ctx, round, claim.by, attempt);
}
