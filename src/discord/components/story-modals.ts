import {
  LabelBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { thousands } from "../../core/text/plural.js";
import { STORY_LIMITS, type StoryParts } from "../../store/records.js";
import { type Action, encodeAction } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { fieldWithin } from "../inbound.js";
import { LIMITS } from "../limits.js";

export const TITLE_FIELD = "title";
export const STORY_FIELD = "story";
const PARTS = [
  ["situation", "Situation", "Where, when, what was wrong"],
  ["task", "Task", "What you had to achieve"],
  ["action", "Action", "What you did, step by step"],
  ["result", "Result", "What changed, in numbers"],
] as const;
/** A story's text in one form field: Discord's 4,000, under the bank's 6,000. */
export const STORY_TEXT_MAX = Math.min(LIMITS.textInput, STORY_LIMITS.text);

/** What a story form starts with: empty for a new story, the story as it is for an edit. */
export interface StoryDraft {
  title: string;
  text?: string | undefined;
  parts?: StoryParts | null | undefined;
}

function input(id: string, style: TextInputStyle, max: number, value: string | undefined, required: boolean) {
  const field = new TextInputBuilder()
    .setCustomId(id)
    .setStyle(style)
    .setMaxLength(max)
    .setRequired(required);
  if (required) field.setMinLength(1);
  if (value) field.setValue(value);
  return field;
}

/**
 * The story form: a title and the story in one field, or (structured) a title and the four STAR parts:
 * five fields, as many as a Discord form holds.
 */
export function storyModal(
  title: string,
  submit: Action,
  structured: boolean,
  draft?: StoryDraft,
): ModalBuilder {
  const modal = new ModalBuilder().setCustomId(encodeAction(submit)).setTitle(title);
  const titleLabel = new LabelBuilder()
    .setLabel("Title")
    .setDescription("A few words you will recognise it by")
    .setTextInputComponent(
      input(TITLE_FIELD, TextInputStyle.Short, STORY_LIMITS.title, draft?.title, true).setPlaceholder(
        "Pump line changeover kaizen",
      ),
    );
  if (!structured)
    return modal.addLabelComponents(
      titleLabel,
      new LabelBuilder()
        .setLabel("Your story")
        .setDescription("Situation, task, what you did, and what changed, in numbers")
        .setTextInputComponent(
          input(STORY_FIELD, TextInputStyle.Paragraph, STORY_TEXT_MAX, draft?.text, true),
        ),
    );
  return modal.addLabelComponents(
    titleLabel,
    ...PARTS.map(([id, label, description]) =>
      new LabelBuilder()
        .setLabel(label)
        .setDescription(description)
        .setTextInputComponent(
          input(id, TextInputStyle.Paragraph, STORY_LIMITS.part, draft?.parts?.[id], id === "action"),
        ),
    ),
  );
}

/** The story the form was submitted with, each field held to the limit the form set for it. */
export function storyFromForm(
  interaction: ModalSubmitInteraction,
  structured: boolean,
): { title: string; text?: string; parts?: StoryParts } {
  const title = fieldWithin(interaction, TITLE_FIELD, STORY_LIMITS.title);
  if (!structured) return { title, text: fieldWithin(interaction, STORY_FIELD, STORY_TEXT_MAX) };
  const part = (id: keyof StoryParts) => fieldWithin(interaction, id, STORY_LIMITS.part);
  return {
    title,
    parts: {
      situation: part("situation"),
      task: part("task"),
      action: part("action"),
      result: part("result"),
    },
  };
}

/** The form to edit a story, prefilled; a story too long for a form field is refused with a way out. */
export function editModal(story: {
  id: string;
  title: string;
  text: string;
  parts: StoryParts | null;
}): ModalBuilder {
  const structured = story.parts !== null;
  const tooLong = structured
    ? Object.values(story.parts ?? {}).some((p) => Array.from(p).length > STORY_LIMITS.part)
    : Array.from(story.text).length > STORY_TEXT_MAX;
  if (tooLong)
    throw new UserError(
      `This story has ${thousands(story.text.length)} characters, more than a Discord form holds (${thousands(STORY_TEXT_MAX)}). Edit it in the terminal (\`star-coach stories edit ${story.id} FILE\`), or shorten it: delete it and add it again under ${thousands(STORY_TEXT_MAX)} characters.`,
    );
  return storyModal(
    "Edit your story",
    { kind: "st-edit-submit", storyId: story.id, structured },
    structured,
    story,
  );
}
