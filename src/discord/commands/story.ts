import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from "discord.js";
import { count } from "../../core/text/plural.js";
import { STORY_LIMITS } from "../../store/records.js";
import { NOT_YOURS, ownStory } from "../components/story-access.js";
import { deleteConfirmation, showEditForm, storyView } from "../components/story-handlers.js";
import { storyModal } from "../components/story-modals.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { LIMITS, truncate } from "../limits.js";
import { coverageEmbed, storyListEmbed } from "../render/story-bank-embeds.js";
import { respond } from "../reply.js";
import type { SlashCommand } from "./command.js";
import { levelOption, parseLevel } from "./options.js";

const storyOption = (o: SlashCommandStringOption) =>
  o
    .setName("story")
    .setDescription("One of your stories (start typing its title)")
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(100);

/** The competency ids typed into `/story edit competencies:`, e.g. "quality, process-improvement". */
export const parseCompetencies = (text: string): string[] =>
  text
    .split(",")
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== "");

export const storyCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("story")
    .setDescription("Your STAR story bank: stories to bend to any question")
    .addSubcommand((s) =>
      s
        .setName("add")
        .setDescription("Add a story from your work")
        .addBooleanOption((o) =>
          o.setName("structured").setDescription("Write it in four fields: Situation, Task, Action, Result"),
        ),
    )
    .addSubcommand((s) =>
      s.setName("list").setDescription("Your stories, with their grades and competencies"),
    )
    .addSubcommand((s) =>
      s.setName("show").setDescription("One story: its text, grade and tips").addStringOption(storyOption),
    )
    .addSubcommand((s) =>
      s
        .setName("edit")
        .setDescription("Edit a story's text, or correct its competencies")
        .addStringOption(storyOption)
        .addStringOption((o) =>
          o
            .setName("competencies")
            .setDescription(
              "Competency ids, comma-separated (e.g. quality, safety); leave empty to edit the text",
            )
            .setMaxLength(500),
        ),
    )
    .addSubcommand((s) => s.setName("delete").setDescription("Delete one story").addStringOption(storyOption))
    .addSubcommand((s) =>
      s
        .setName("coverage")
        .setDescription("Which competencies your stories cover, and the gaps")
        .addStringOption(levelOption),
    ),

  async execute(interaction, ctx: BotContext) {
    const sub = interaction.options.getSubcommand();
    const userId = interaction.user.id;
    if (sub === "add") return openAddForm(interaction, ctx);
    if (sub === "edit" && interaction.options.getString("competencies") === null)
      return showEditForm(interaction, ctx, interaction.options.getString("story", true));
    await respond(interaction, async () => {
      switch (sub) {
        case "list":
          return { embeds: [storyListEmbed(await ctx.stories.list(userId), ctx.content.bank)] };
        case "show": {
          const story = await ownStory(ctx, userId, interaction.options.getString("story", true));
          return storyView(ctx, story, "Story", true);
        }
        case "edit": {
          const story = await ownStory(ctx, userId, interaction.options.getString("story", true));
          const competencies = parseCompetencies(interaction.options.getString("competencies", true));
          if (competencies.length === 0)
            throw new UserError("Give at least one competency id, e.g. `quality, safety`.");
          const edited = await ctx.stories.edit(userId, story.id, { competencies });
          if (!edited) throw new UserError(NOT_YOURS);
          return storyView(ctx, edited, "Competencies updated", false);
        }
        case "delete":
          return deleteConfirmation(
            await ownStory(ctx, userId, interaction.options.getString("story", true)),
          );
        case "coverage": {
          const level = interaction.options.getString("level");
          const [coverage, stories] = await Promise.all([
            ctx.stories.coverage(userId, level === null ? undefined : parseLevel(level, "mid")),
            ctx.stories.list(userId),
          ]);
          return { embeds: [coverageEmbed(coverage, stories, ctx.content.bank)] };
        }
        default:
          throw new UserError("That subcommand is not known to this version of the bot.");
      }
    });
  },

  autocomplete: storyAutocomplete,
};

/** The add form; a full bank is said before anything is typed. */
async function openAddForm(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const stories = await ctx.store.listStories(interaction.user.id);
  if (stories.length >= STORY_LIMITS.perUser)
    throw new UserError(
      `Your story bank is full (${count(STORY_LIMITS.perUser, "story", "stories")}): delete a story to add another.`,
    );
  const structured = interaction.options.getBoolean("structured") ?? false;
  await interaction.showModal(storyModal("Add a story", { kind: "st-add", structured }, structured));
}

/** The user's own stories whose title (or id) matches what they typed: value = the story's id. */
export async function storyAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<void> {
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const stories = await ctx.store.listStories(interaction.user.id);
  const choices = stories
    .filter((s) => !typed || s.title.toLowerCase().includes(typed) || s.id.startsWith(typed))
    .sort(
      (a, b) =>
        Number(b.title.toLowerCase().startsWith(typed)) - Number(a.title.toLowerCase().startsWith(typed)),
    )
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: truncate(s.title, 100), value: s.id }));
  await interaction.respond(choices);
}
