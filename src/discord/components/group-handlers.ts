import {
  ActionRowBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type PermissionsBitField,
  StringSelectMenuBuilder,
  type StringSelectMenuInteraction,
  type User,
} from "discord.js";
import type { CriterionId } from "../../core/criteria.js";
import { CRITERION_LABELS } from "../../core/criteria.js";
import { RoundError } from "../../sessions/errors.js";
import type { Reviewable } from "../../sessions/group-service.js";
import type { GroupRound } from "../../store/records.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import { type ActionOf, encodeAction } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { closeAndSummarize } from "../group/post.js";
import { truncate } from "../limits.js";
import { feedbackEmbed } from "../render/feedback-embed.js";
import { publicScoresEmbed, reviewEmbed } from "../render/round-embeds.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS, respond } from "../reply.js";
import { answerModal, answerText } from "./answer-modal.js";
import { button, row } from "./buttons.js";
import { gradingIsSlow } from "./handlers.js";

/** The parts peers rate: five select menus fill a message's five rows, so ownership stays with the grader. */
export const PEER_CRITERIA: readonly CriterionId[] = [
  "situation",
  "task",
  "action",
  "result",
  "data_evidence",
];

const SHARE_LABELS = {
  none: "Scores only",
  masked: "Share masked",
  verbatim: "Share as written",
} as const;

export function displayName(user: User): string {
  return user.globalName ?? user.username;
}

function shareButtons(roundId: string, current: keyof typeof SHARE_LABELS) {
  return row(
    ...(Object.keys(SHARE_LABELS) as Array<keyof typeof SHARE_LABELS>).map((share) =>
      button(
        `${share === current ? "✓ " : ""}${SHARE_LABELS[share]}`,
        { kind: "gr-share", roundId, share },
        share === current ? ButtonStyle.Success : ButtonStyle.Secondary,
      ),
    ),
  );
}

export async function openRoundAnswer(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-answer">,
): Promise<void> {
  const round = await ctx.groups.openRound(action.roundId, interaction.guildId);
  const existing = await ctx.groups.entry(round.id, interaction.user.id);
  if (existing && !action.replace) {
    const previous = await ctx.store.getAttempt(existing.attemptId);
    await interaction.reply({
      embeds: [
        {
          description: `You have answered this round already${previous?.grade ? ` (${previous.grade.overall}/5)` : ""}. A new answer replaces it, for the summary too.`,
          color: COLORS.mid,
        },
      ],
      components: [
        row(
          button(
            "Replace my answer",
            { kind: "gr-answer", roundId: round.id, replace: true },
            ButtonStyle.Danger,
          ),
        ),
      ],
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await checkCooldown(ctx, interaction.user.id);
  const question = ctx.content.bank.get(round.questionId);
  await interaction.showModal(
    answerModal(
      existing ? "Replace your answer" : "Your answer",
      { kind: "gr-submit", roundId: round.id },
      false,
      question?.text ?? "",
    ),
  );
}

export async function submitRoundAnswer(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-submit">,
): Promise<void> {
  const user = interaction.user;
  let answered: Awaited<ReturnType<typeof ctx.groups.answer>> | undefined;
  await respond(
    interaction,
    async () => {
      await ctx.store.ensureUser(user.id, displayName(user), ctx.now().toISOString());
      answered = await ctx.groups.answer(
        action.roundId,
        interaction.guildId,
        user.id,
        answerText(interaction, false),
      );
      const { round, feedback, replaced, share } = answered;
      return {
        content: `${replaced ? "Your answer is replaced. " : ""}What may the group see of your answer? By default only your scores and the grader's notes are used; masking hides company names and figures.`,
        embeds: [
          feedbackEmbed({
            grade: feedback.grade,
            title: "Your feedback",
            followUp: feedback.grade.follow_up,
            previous: null,
          }),
        ],
        components: [shareButtons(round.id, share)],
      };
    },
    { defer: gradingIsSlow(ctx) },
  );
  if (!answered) return;
  const { round, feedback, replaced, share } = answered;
  if (round.feedback === "public") {
    const settings = (await ctx.store.getUser(user.id))?.settings;
    const where = await interaction.client.channels
      .fetch(round.threadId ?? round.channelId)
      .catch(() => null);
    if (where?.isSendable()) {
      await where.send({
        embeds: [
          publicScoresEmbed(
            settings?.public ? displayName(user) : null,
            feedback.grade,
            ctx.groups.notesForGroup(feedback.grade, share),
            replaced,
          ),
        ],
        allowedMentions: NO_MENTIONS,
      });
    }
  }
}

export async function chooseShare(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-share">,
): Promise<void> {
  await ctx.groups.setShare(action.roundId, interaction.guildId, interaction.user.id, action.share);
  await interaction.update({ components: [shareButtons(action.roundId, action.share)] });
}

function ratingRows(
  ctx: BotContext,
  roundId: string,
  review: Reviewable,
): ActionRowBuilder<StringSelectMenuBuilder>[] {
  return PEER_CRITERIA.map((criterion) => {
    const anchors = ctx.content.rubric.criteria.find((c) => c.id === criterion)?.anchors ?? [];
    const given = review.given[criterion];
    const menu = new StringSelectMenuBuilder()
      .setCustomId(encodeAction({ kind: "gr-rate", roundId, targetId: review.entry.userId, criterion }))
      .setPlaceholder(`${CRITERION_LABELS[criterion]}: pick a score`)
      .addOptions(
        anchors.map((a) => ({
          label: truncate(`${CRITERION_LABELS[criterion]} ${a.score}: ${a.label}`, 100),
          description: truncate(a.description, 100),
          value: String(a.score),
          default: given === a.score,
        })),
      );
    return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu);
  });
}

export async function showReview(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-review">,
): Promise<void> {
  const review = await ctx.groups.reviewable(action.roundId, interaction.guildId, interaction.user.id);
  if (!review)
    throw new UserError(
      "There is no answer for you to review yet: answers are shown only when their authors share them, and never your own.",
    );
  await interaction.reply({
    embeds: [reviewEmbed(review.text, review.masked)],
    components: ratingRows(ctx, action.roundId, review),
    flags: EPHEMERAL,
    allowedMentions: NO_MENTIONS,
  });
}

export async function rateAnswer(
  interaction: StringSelectMenuInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-rate">,
): Promise<void> {
  const score = Number(interaction.values[0]);
  if (!Number.isInteger(score) || score < 0 || score > 4) throw new UserError("Pick a score from 0 to 4.");
  const where = interaction.guildId;
  await ctx.groups.rate(action.roundId, where, interaction.user.id, action.targetId, action.criterion, score);
  const review = await ctx.groups.reviewable(action.roundId, where, interaction.user.id, action.targetId);
  if (!review) {
    await interaction.update({ components: [] });
    return;
  }
  await interaction.update({ components: ratingRows(ctx, action.roundId, review) });
}

const MODERATOR =
  PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageGuild;

/**
 * The starter may close their round; so may anyone who moderates messages, threads or the server, in
 * the round's own server (permissions are the member's in the server the interaction comes from).
 */
export function mayClose(
  round: GroupRound,
  userId: string,
  guildId: string | null,
  permissions: Readonly<PermissionsBitField> | null,
): boolean {
  if (round.guildId !== guildId) return false;
  return round.startedBy === userId || Boolean(permissions?.any(MODERATOR));
}

/** Closes a round early for the user who asked, if they may, and tells them how it went. */
export async function closeForUser(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  ctx: BotContext,
  round: GroupRound,
): Promise<void> {
  if (round.guildId !== interaction.guildId) throw new RoundError("That round belongs to another server.");
  if (!mayClose(round, interaction.user.id, interaction.guildId, interaction.memberPermissions))
    throw new UserError("Only the person who started this round, or a moderator, can close it early.");
  await interaction.deferReply({ flags: EPHEMERAL });
  const closed = await closeAndSummarize(interaction.client, ctx, round.id, interaction.user.id);
  await interaction.editReply({
    content: closed ? "Round closed; the summary is in the thread." : "This round was already closed.",
    allowedMentions: NO_MENTIONS,
  });
}

export async function closeRoundButton(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"gr-close">,
): Promise<void> {
  await closeForUser(interaction, ctx, await ctx.groups.roundIn(action.roundId, interaction.guildId));
}
