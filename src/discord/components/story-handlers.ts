import {
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import { practiseQuestion } from "../../core/stories/practise-question.js";
import type { StoryRecord } from "../../store/records.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import type { ActionOf } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { LIMITS } from "../limits.js";
import { plain, storyEmbed } from "../render/story-embed.js";
import { practiseEmbed } from "../render/story-practise-embed.js";
import { COLORS } from "../render/text.js";
import { NO_MENTIONS, type ReplyBody, respond } from "../reply.js";
import { answerModal } from "./answer-modal.js";
import { button, row } from "./buttons.js";
import { NOT_YOURS, ownStory } from "./story-access.js";
import { editModal, storyFromForm } from "./story-modals.js";

/** A story with its Edit, Practise and Delete buttons (`/story show`, and after a save). */
export function storyView(ctx: BotContext, story: StoryRecord, heading: string, full: boolean): ReplyBody {
  return {
    embeds: [storyEmbed(story, ctx.content.bank, { heading, full })],
    components: [
      row(
        button("Edit", { kind: "st-edit", storyId: story.id }),
        button("Practise", { kind: "st-practise", storyId: story.id }, ButtonStyle.Primary),
        button("Delete", { kind: "st-delete-ask", storyId: story.id }, ButtonStyle.Danger),
      ),
    ],
  };
}

/** Asks before deleting a story, as `/mydata delete` does. */
export function deleteConfirmation(story: StoryRecord): ReplyBody {
  return {
    embeds: [
      {
        description: `Delete the story “${plain(story.title, 100)}”? This cannot be undone.`,
        color: COLORS.low,
      },
    ],
    components: [row(button("Delete story", { kind: "st-delete", storyId: story.id }, ButtonStyle.Danger))],
  };
}

export async function submitStoryAdd(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"st-add">,
): Promise<void> {
  await respond(interaction, async () => {
    const story = await ctx.stories.add(interaction.user.id, storyFromForm(interaction, action.structured));
    return storyView(ctx, story, "Saved", false);
  });
}

/** The edit form, prefilled with the story as it is (from `/story edit` or the Edit button). */
export async function showEditForm(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  ctx: BotContext,
  storyId: string,
): Promise<void> {
  const story = await ownStory(ctx, interaction.user.id, storyId);
  await interaction.showModal(editModal(story));
}

export async function submitStoryEdit(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"st-edit-submit">,
): Promise<void> {
  await respond(interaction, async () => {
    const change = storyFromForm(interaction, action.structured);
    const story = await ctx.stories.edit(interaction.user.id, action.storyId, change);
    if (!story) throw new UserError(NOT_YOURS);
    return storyView(ctx, story, "Updated", false);
  });
}

export async function openStoryEdit(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"st-edit">,
): Promise<void> {
  await showEditForm(interaction, ctx, action.storyId);
}

/** A bank question for the story, what it needs that the story lacks, and an Answer button. */
export async function practiseStory(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"st-practise">,
): Promise<void> {
  await respond(interaction, async () => {
    const story = await ownStory(ctx, interaction.user.id, action.storyId);
    const question = practiseQuestion(
      {
        id: story.id,
        title: story.title,
        text: story.text,
        competencies: story.competencies,
        overall: story.grade.overall,
        level: story.level,
      },
      ctx.content,
    );
    if (!question)
      throw new UserError(`The question bank has no question at ${story.level} level to practise on.`);
    const gaps = ctx.stories.gaps(story, question);
    const name = ctx.content.bank.competency(question.competency)?.name ?? question.competency;
    const fits = Array.from(story.text).length <= LIMITS.textInput;
    return {
      embeds: [practiseEmbed({ story, question, competencyName: name, gaps, prefilled: fits })],
      components: [
        row(
          button(
            "Answer",
            { kind: "st-answer", storyId: story.id, questionId: question.id },
            ButtonStyle.Primary,
          ),
        ),
      ],
    };
  });
}

/** The practice answer form, prefilled with the story: its feedback is the normal /practice feedback. */
export async function openStoryAnswer(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"st-answer">,
): Promise<void> {
  const story = await ownStory(ctx, interaction.user.id, action.storyId);
  const question = ctx.content.bank.get(action.questionId);
  if (!question) throw new UserError("That question is no longer in the bank. Practise the story again.");
  await checkCooldown(ctx, interaction.user.id);
  await interaction.showModal(
    answerModal(
      "Answer with your story",
      { kind: "pr-submit", questionId: question.id, level: story.level, previous: null, structured: false },
      false,
      question.text,
      story.text,
    ),
  );
}

export async function askDeleteStory(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"st-delete-ask">,
): Promise<void> {
  await respond(interaction, async () =>
    deleteConfirmation(await ownStory(ctx, interaction.user.id, action.storyId)),
  );
}

export async function deleteStory(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"st-delete">,
): Promise<void> {
  const story = await ctx.stories.get(interaction.user.id, action.storyId);
  if (!story || !(await ctx.stories.delete(interaction.user.id, action.storyId)))
    throw new UserError(NOT_YOURS);
  await interaction.update({
    embeds: [{ description: `Deleted the story “${plain(story.title, 100)}”.`, color: COLORS.neutral }],
    components: [],
    allowedMentions: NO_MENTIONS,
  });
}
