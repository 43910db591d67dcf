import { type Attachment, type Message, MessageFlags } from "discord.js";
import { AudioRefusedError, checkAudio } from "../../audio/check.js";
import { VOICE_NOT_CONFIGURED } from "../../llm/transcribe.js";
import type { BotContext } from "../context.js";
import { checkCooldown } from "../cooldown.js";
import type { ReplyBody } from "../reply.js";
import { openQuestion, transcribeHeld } from "./answer.js";
import { downloadCapped } from "./download.js";
import { notice } from "./render.js";
import { transcriberFor } from "./transcriber.js";

const NOT_AUDIO_HINT =
  "Send your answer as a voice message (hold the microphone button) or an audio file; to type it, press Answer on the question.";

/** The attachment to transcribe: a voice message's recording, else the first file that passes the check. */
function audioAttachment(message: Message): Attachment {
  const files = [...message.attachments.values()];
  const voice = message.flags.has(MessageFlags.IsVoiceMessage) ? files[0] : undefined;
  if (voice) return voice;
  const check = (a: Attachment) => checkAudio({ bytes: a.size, filename: a.name, mimeType: a.contentType });
  const fit = files.find((a) => {
    try {
      check(a);
      return true;
    } catch {
      return false;
    }
  });
  if (fit) return fit;
  // None fits: the first one's refusal says why (too big, not audio).
  check(files[0] as Attachment);
  throw new AudioRefusedError("not_audio", NOT_AUDIO_HINT);
}

/**
 * A DM to the bot: a voice message or audio file answers the user's open interview question. The
 * recording is checked (size, type) before it is downloaded, downloaded no further than the size limit,
 * held in memory only while it is transcribed, and the transcript comes back with "Grade this" and
 * "Edit transcript". Anything else gets a one-line hint.
 */
export async function receiveDirectMessage(message: Message, ctx: BotContext): Promise<ReplyBody> {
  const userId = message.author.id;
  const question = await openQuestion(ctx, userId);
  if ("refusal" in question) return notice(question.refusal);
  if (message.attachments.size === 0) return notice(NOT_AUDIO_HINT);
  const transcriber = transcriberFor(ctx);
  if (!transcriber) return notice(VOICE_NOT_CONFIGURED);
  const attachment = audioAttachment(message);
  const file = { filename: attachment.name, mimeType: attachment.contentType };
  checkAudio({ bytes: attachment.size, ...file });
  await checkCooldown(ctx, userId);
  if (message.channel.isSendable()) void message.channel.sendTyping().catch(() => undefined);
  const data = await downloadCapped(attachment.url, file);
  checkAudio({ bytes: data.byteLength, ...file });
  return transcribeHeld(ctx, transcriber, message.id, {
    userId,
    sessionId: question.sessionId,
    step: question.step,
    audio: {
      data,
      filename: attachment.name,
      mimeType: attachment.contentType ?? "application/octet-stream",
    },
    durationSec: attachment.duration ?? null,
  });
}
