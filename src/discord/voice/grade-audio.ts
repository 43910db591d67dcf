import type { APIEmbed, ChatInputCommandInteraction } from "discord.js";
import { AudioRefusedError, checkAudio } from "../../audio/check.js";
import { audioDurationSec } from "../../audio/duration.js";
import { deliveryFigures } from "../../core/delivery/delivery.js";
import { VOICE_NOT_CONFIGURED } from "../../llm/transcribe.js";
import { defaultLevel } from "../commands/options.js";
import { button, row } from "../components/buttons.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import { UserError } from "../errors.js";
import { LIMITS, truncate } from "../limits.js";
import { feedbackEmbed } from "../render/feedback-embed.js";
import { COLORS, quoteUser } from "../render/text.js";
import { respond } from "../reply.js";
import { downloadCapped } from "./download.js";
import { fitsBeside } from "./fit.js";
import { deliveryEmbed, feedbackShowsDelivery } from "./render.js";
import { transcriberFor } from "./transcriber.js";

/**
 * `/grade audio:<file> question:<text or bank id>`: the recording is checked and downloaded (no further
 * than the size limit), transcribed, graded like a typed answer (the transcript is stored as the answer,
 * the audio never) and shown with its transcript and delivery feedback. A failed transcription is
 * refused cleanly: the file is still in the user's hands, to send again.
 */
export async function gradeAudio(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const attachment = interaction.options.getAttachment("audio", true);
  const questionText = interaction.options.getString("question")?.trim() ?? "";
  if (questionText.length === 0)
    throw new UserError(
      "Add the `question` you answered (its text, or a question id from `/practice`), so the answer can be graded against it.",
    );
  const transcriber = transcriberFor(ctx);
  if (!transcriber) throw new UserError(VOICE_NOT_CONFIGURED);
  const file = { filename: attachment.name, mimeType: attachment.contentType };
  checkAudio({ bytes: attachment.size, ...file });
  await checkCooldown(ctx, interaction.user.id);
  await respond(
    interaction,
    async () => {
      const data = await downloadCapped(attachment.url, file);
      checkAudio({ bytes: data.byteLength, ...file });
      const audio = {
        data,
        filename: attachment.name,
        mimeType: attachment.contentType ?? "application/octet-stream",
      };
      const [transcript, durationSec] = await Promise.all([
        transcriber.transcribe(audio),
        attachment.duration !== null
          ? Promise.resolve(attachment.duration)
          : audioDurationSec(audio).catch(() => null),
      ]);
      const text = transcript.text.trim();
      if (text.length === 0)
        throw new AudioRefusedError("empty", "No words were heard in that recording: check your microphone.");
      const delivery = deliveryFigures(
        { transcript: text, segments: transcript.segments, durationSec },
        ctx.content.lexicon,
      );
      const bankQuestion = ctx.content.bank.get(questionText);
      const question = bankQuestion
        ? ctx.sessions.questionRef(bankQuestion.id)
        : { id: null, text: questionText, competency: null, probes: [] };
      const fb = await ctx.sessions.gradeSingle(
        {
          userId: interaction.user.id,
          question,
          level: await defaultLevel(interaction.guildId, ctx),
          text,
        },
        { guildId: interaction.guildId, delivery },
      );
      const heard: APIEmbed = {
        title: "Your answer, transcribed",
        description: truncate(quoteUser(text, LIMITS.embedDescription - 10), LIMITS.embedDescription),
        color: COLORS.neutral,
      };
      const feedback = feedbackEmbed({
        grade: { ...fb.grade, delivery },
        title: "Feedback",
        followUp: fb.grade.follow_up,
        previous: null,
      }) as APIEmbed;
      const extra = feedbackShowsDelivery(fb.grade, delivery) ? null : deliveryEmbed(delivery);
      const embeds = [feedback, ...(extra && fitsBeside([feedback], extra) ? [extra as APIEmbed] : [])];
      return {
        embeds: fitsBeside(embeds, heard) ? [heard, ...embeds] : embeds,
        components: [row(button("See a strong answer", { kind: "model", attemptId: fb.attempt.id }))],
      };
    },
    { defer: true },
  );
}
