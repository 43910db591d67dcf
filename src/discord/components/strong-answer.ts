import type { ButtonInteraction } from "discord.js";
import { extractEvidence } from "../../core/evidence/extract.js";
import { restructureAnswer } from "../../core/feedback/restructure.js";
import type { Grade } from "../../core/grading/types.js";
import { findModelAnswer } from "../../core/questions/model-answers.js";
import type { BotContext } from "../context.js";
import type { ActionOf } from "../custom-ids.js";
import { UserError } from "../errors.js";
import { modelAnswerEmbed, restructuredEmbed } from "../render/strong-answer-embed.js";
import { respond } from "../reply.js";

/**
 * "See a strong answer": the user's own answer rebuilt in STAR order, and the team's model answer for the
 * question (or its competency). The attempt id comes from a custom id, so only its owner may open it.
 */
export async function showStrongAnswer(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: ActionOf<"model">,
): Promise<void> {
  await respond(interaction, async () => {
    const attempt = await ctx.store.getAttempt(action.attemptId);
    if (!attempt || attempt.userId !== interaction.user.id)
      throw new UserError("That answer is not yours, or it was deleted.");
    // A follow-up answer is graded with the answer it adds to: restructure that one.
    const main = attempt.combineWith
      ? ((await ctx.store.getAttempt(attempt.combineWith)) ?? attempt)
      : attempt;
    const grade: Grade | null = attempt.grade;
    const ev = extractEvidence({ answer: main.answerText, question: main.questionText }, ctx.content.lexicon);
    const parts = restructureAnswer(ev, { baselineAndAfter: grade?.flags.baseline_and_after ?? false });
    const competency = main.competency ?? "";
    const found = main.questionId
      ? findModelAnswer(ctx.content.bank, main.questionId, main.level)
      : undefined;
    const name = ctx.content.bank.competency(competency)?.name ?? "this competency";
    return { embeds: [restructuredEmbed(parts), modelAnswerEmbed(found, name)] };
  });
}
