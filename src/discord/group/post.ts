import {
  ButtonStyle,
  ChannelType,
  type Client,
  DiscordAPIError,
  RESTJSONErrorCodes,
  type SendableChannels,
  type TextChannel,
  ThreadAutoArchiveDuration,
} from "discord.js";
import type { RoundSummary } from "../../core/group/summary.js";
import type { Question } from "../../core/questions/schema.js";
import type { StartRound } from "../../sessions/group-service.js";
import type { GroupRound } from "../../store/records.js";
import { button, row } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { truncate } from "../limits.js";
import { roundAnnouncement, roundQuestionEmbed, summaryEmbed } from "../render/round-embeds.js";
import { NO_MENTIONS } from "../reply.js";

export function roundButtons(roundId: string) {
  return row(
    button("Answer", { kind: "gr-answer", roundId, replace: false }, ButtonStyle.Primary),
    button("Review an answer", { kind: "gr-review", roundId }),
    button("Close round", { kind: "gr-close", roundId }, ButtonStyle.Danger),
  );
}

async function textChannel(client: Client, id: string): Promise<TextChannel> {
  const channel = await client.channels.fetch(id);
  if (channel?.type !== ChannelType.GuildText)
    throw new UserError("Group rounds need a text channel where the bot can create threads.");
  return channel;
}

/**
 * Posts a stored round: a short announcement in the channel, a public thread from it, and the question
 * with its buttons inside the thread. Returns the round with the thread and message ids.
 */
export async function postRound(
  client: Client,
  ctx: BotContext,
  round: GroupRound,
  question: Question,
): Promise<GroupRound> {
  const channel = await textChannel(client, round.channelId);
  const competency = ctx.content.bank.competency(question.competency)?.name ?? question.competency;
  const announcement = await channel.send({
    content: roundAnnouncement(round, round.focus ? competency : null),
    allowedMentions: NO_MENTIONS,
  });
  const day = round.createdAt.slice(0, 10);
  const thread = await announcement.startThread({
    name: truncate(`${round.source === "daily" ? `Daily ${day}` : "Group round"}: ${competency}`, 100),
    autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
  });
  const message = await thread.send({
    embeds: [roundQuestionEmbed(round, question, competency)],
    components: [roundButtons(round.id)],
    allowedMentions: NO_MENTIONS,
  });
  return ctx.groups.attach(round, thread.id, message.id);
}

async function sendable(client: Client, id: string): Promise<SendableChannels | null> {
  const channel = await client.channels.fetch(id).catch(() => null);
  return channel?.isSendable() ? channel : null;
}

const NO_ACCESS = new Set<number>([RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

/**
 * Starts a round and posts it. If posting fails the round is closed at once, so the closer never posts
 * a summary for a round nobody could see; a missing permission becomes a message the user can act on.
 */
export async function startRound(client: Client, ctx: BotContext, input: StartRound): Promise<GroupRound> {
  const { round, question } = await ctx.groups.start(input);
  try {
    return await postRound(client, ctx, round, question);
  } catch (err) {
    await ctx.store.groups.closeRound(round.id, ctx.now().toISOString(), null);
    if (err instanceof DiscordAPIError && NO_ACCESS.has(Number(err.code)))
      throw new UserError(
        "I can't post the round in that channel: I need View Channel, Send Messages, Create Public Threads and Send Messages in Threads there.",
      );
    throw err;
  }
}

/** Posts the summary where the round was and takes the buttons off the question. */
export async function postSummary(
  client: Client,
  ctx: BotContext,
  round: GroupRound,
  summary: RoundSummary,
): Promise<void> {
  const where = await sendable(client, round.threadId ?? round.channelId);
  if (!where) throw new Error(`round ${round.id}: channel ${round.threadId ?? round.channelId} is gone`);
  await where.send({
    embeds: [
      summaryEmbed(round, ctx.content.bank.get(round.questionId) ?? null, summary, ctx.content.rubric),
    ],
    allowedMentions: NO_MENTIONS,
  });
  if (round.messageId && "messages" in where) {
    await where.messages
      .edit(round.messageId, { components: [] })
      .catch((err: unknown) =>
        ctx.log.warn({ err, roundId: round.id }, "could not remove the round's buttons"),
      );
  }
}

/** Closes a round and posts its summary, once across every shard and process. */
export async function closeAndSummarize(
  client: Client,
  ctx: BotContext,
  roundId: string,
  by: string | null,
): Promise<GroupRound | null> {
  const closed = await ctx.groups.close(roundId, by);
  if (!closed) return null;
  await postSummary(client, ctx, closed.round, closed.summary);
  ctx.log.info({ roundId, answered: closed.summary.answered, by }, "group round closed");
  return closed.round;
}
