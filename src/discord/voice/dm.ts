import { ChannelType, type Client, Events, type Message } from "discord.js";
import { StarCoachError } from "../../core/errors.js";
import type { BotContext } from "../context.js";
import { errorRef } from "../errors.js";
import { COLORS } from "../render/text.js";
import { NO_MENTIONS, type ReplyBody } from "../reply.js";
import { receiveDirectMessage } from "./receive.js";
import { notice } from "./render.js";

async function send(message: Message, body: ReplyBody, ctx: BotContext): Promise<void> {
  if (!message.channel.isSendable()) return;
  await message.channel
    .send({ ...body, allowedMentions: NO_MENTIONS })
    .catch((err: unknown) =>
      ctx.log.warn({ err, messageId: message.id }, "could not answer a direct message"),
    );
}

/**
 * The same error policy as the router's, for direct messages (not interactions): an error with a
 * `userMessage` is shown as it is, anything else is logged with a reference the user also sees.
 */
async function onDirectMessage(message: Message, ctx: BotContext): Promise<void> {
  try {
    await send(message, await receiveDirectMessage(message, ctx), ctx);
  } catch (err) {
    const userMessage = err instanceof StarCoachError ? err.userMessage : null;
    if (userMessage !== null) return send(message, notice(userMessage), ctx);
    const ref = errorRef();
    ctx.log.error({ err, messageId: message.id, userId: message.author.id, ref }, "voice answer failed");
    await send(message, notice(`Something went wrong (ref ${ref}). Please send it again.`, COLORS.low), ctx);
  }
}

/** Direct messages from users (never the bot's own, never a server's: the bot has no guild message intent). */
export function listenForDirectMessages(client: Client, ctx: BotContext): void {
  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot || message.system) return;
    if (message.inGuild() || message.channel.type !== ChannelType.DM) return;
    void onDirectMessage(message, ctx);
  });
}
