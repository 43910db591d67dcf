import { type BaseMessageOptions, MessageFlags, type RepliableInteraction } from "discord.js";

/** No message the bot sends may ping anyone, whatever a user typed into it. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export const EPHEMERAL = MessageFlags.Ephemeral;

/**
 * Work expected to take milliseconds that is still running after this is deferred after all (a slow
 * disk, a host short of CPU): Discord drops an interaction that is not acknowledged within 3 s.
 */
export const DEFER_AFTER_MS = 1_500;

/**
 * Quick answers under way at once past which the next is deferred before its work. Their work shares one
 * event loop (and, with SQLite, one connection): in a burst, an answer that waited for the work queued ahead of
 * it would miss Discord's 3 s, while a deferral goes out at once and the work follows.
 */
export const BUSY = 4;

let underWay = 0;
let lastTurn: Promise<void> = Promise.resolve();

/**
 * A turn for work deferred because the bot was busy: one at a time, each a turn of the event loop after
 * the one before, so that interactions arriving meanwhile are read and acknowledged between them instead
 * of waiting behind all the work.
 */
function nextTurn(): Promise<void> {
  lastTurn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return lastTurn;
}

export type ReplyBody = Pick<BaseMessageOptions, "content" | "embeds" | "components" | "files">;

/**
 * Answers privately with what `work` returns, in the response itself: one request, on screen as soon as
 * Discord has it. That fits work of a few milliseconds (a store read or write, the offline grader). Work
 * with a slow part (an LLM grade, a chart to draw) calls `slow()` before it, which defers the response
 * (Discord shows "thinking...") so that the reply becomes an edit; `defer: true` defers before any work.
 * Quick work is deferred the same way when it is still running after DEFER_AFTER_MS, or when BUSY
 * answers are under way (and then waits for its turn).
 */
export async function respond(
  interaction: RepliableInteraction,
  work: (slow: () => Promise<void>) => Promise<ReplyBody>,
  options: { defer?: boolean } = {},
): Promise<void> {
  let deferral: Promise<unknown> | undefined;
  const defer = (): Promise<unknown> => {
    deferral ??= interaction.deferReply({ flags: EPHEMERAL });
    return deferral;
  };
  const quick = !options.defer;
  if (quick) underWay++;
  try {
    if (!quick) await defer();
    else if (underWay > BUSY) {
      await defer();
      await nextTurn();
    }
    const timer = setTimeout(() => void defer().catch(() => undefined), DEFER_AFTER_MS);
    let body: ReplyBody;
    try {
      body = await work(async () => {
        await defer();
      });
    } finally {
      clearTimeout(timer);
      // Anything else sent for this interaction (the reply, or an error) must follow a deferral under way.
      if (deferral) await deferral;
    }
    const message = { ...body, allowedMentions: NO_MENTIONS };
    if (deferral) await interaction.editReply(message);
    else await interaction.reply({ ...message, flags: EPHEMERAL });
  } finally {
    if (quick) underWay--;
  }
}
