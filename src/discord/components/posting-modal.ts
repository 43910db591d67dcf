import {
  type APIEmbed,
  LabelBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { analyzePosting } from "../../core/posting/analyze.js";
import type { BotContext } from "../context.js";
import { type ActionOf, encodeAction } from "../custom-ids.js";
import { fieldWithin } from "../inbound.js";
import { outcomeView, unfinishedView } from "../interview-view.js";
import { LIMITS } from "../limits.js";
import { postingEmbed } from "../render/posting-embed.js";
import { respond } from "../reply.js";

export const POSTING_FIELD = "posting";

/** The form `/interview start posting:true` opens: one field for the posting, as long as Discord allows. */
export function postingModal(action: ActionOf<"iv-posting">): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(encodeAction(action))
    .setTitle("Interview for a job posting")
    .addLabelComponents(
      new LabelBuilder()
        .setLabel("Paste the job posting")
        .setDescription("Its title, responsibilities and requirements. It is read once, never stored.")
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(POSTING_FIELD)
            .setStyle(TextInputStyle.Paragraph)
            .setMinLength(1)
            .setMaxLength(LIMITS.textInput)
            .setRequired(true),
        ),
    );
}

/**
 * Starts the interview for a submitted posting: analysed here and let go, never stored or sent to the
 * LLM (the questions come from the bank). Text that is not a posting is a PostingError, shown privately.
 */
export async function submitPostingInterview(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  action: ActionOf<"iv-posting">,
): Promise<void> {
  await respond(interaction, async () => {
    const analysis = analyzePosting(fieldWithin(interaction, POSTING_FIELD, LIMITS.textInput), ctx.content);
    const userId = interaction.user.id;
    // Another interview may have started while the form was open.
    const open = await ctx.sessions.open(userId);
    if (open) return unfinishedView(open.id, open.index, open.items.length);
    const outcome = await ctx.sessions.start(
      userId,
      {
        level: action.level ?? analysis.level,
        competencies: [],
        questionCount: action.questions,
        followUps: action.followUps,
        answerTimeLimitSec: null,
      },
      interaction.user.username,
      analysis.competencies,
      interaction.guildId,
    );
    const view = outcomeView(ctx, outcome, action.structured);
    const intro = postingEmbed(analysis, outcome.state, ctx.content.bank) as APIEmbed;
    return { ...view, embeds: [intro, ...view.embeds] };
  });
}
