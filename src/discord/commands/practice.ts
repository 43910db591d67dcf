import { ButtonStyle, SlashCommandBuilder } from "discord.js";
import { button, row, voiceButton } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { questionEmbed } from "../render/question-embed.js";
import { respond } from "../reply.js";
import { transcriberFor } from "../voice/transcriber.js";
import type { SlashCommand } from "./command.js";
import { focusAutocomplete, focusOption, levelOption, practiceChoices } from "./options.js";

export const practiceCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("practice")
    .setDescription("One behavioral question and its feedback")
    .addStringOption(focusOption)
    .addStringOption(levelOption)
    .addBooleanOption((o) =>
      o.setName("structured").setDescription("Answer in four fields: Situation, Task, Action, Result"),
    ),

  async execute(interaction, ctx: BotContext) {
    await respond(interaction, async () => {
      const { level, competencies, structured } = await practiceChoices(interaction, ctx);
      const pool = ctx.content.bank.questions.filter(
        (q) => q.levels.includes(level) && (competencies.length === 0 || competencies.includes(q.competency)),
      );
      const question = pool[Math.floor(Math.random() * pool.length)];
      if (!question)
        throw new UserError("No questions match that level and focus. Try another focus, or leave it empty.");
      const name = ctx.content.bank.competency(question.competency)?.name ?? question.competency;
      return {
        embeds: [questionEmbed(question, name, null, level)],
        components: [
          row(
            button(
              "Answer",
              { kind: "pr-answer", questionId: question.id, level, previous: null, structured },
              ButtonStyle.Primary,
            ),
            ...(transcriberFor(ctx) !== null ? [voiceButton(question.id)] : []),
          ),
        ],
      };
    });
  },

  autocomplete: focusAutocomplete,
};
