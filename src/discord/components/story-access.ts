import type { StoryRecord } from "../../store/records.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";

/** Shown for a story id that is not the user's: another user's (a forged id), or one since deleted. */
export const NOT_YOURS = "That story is not yours, or it was deleted.";

/**
 * The user's story by id (as the autocomplete gives it), or by its exact title when they typed one
 * without picking from the list. Ids come from the user's client, so only the user's own are found.
 */
export async function ownStory(ctx: BotContext, userId: string, idOrTitle: string): Promise<StoryRecord> {
  const byId = await ctx.stories.get(userId, idOrTitle);
  if (byId) return byId;
  const wanted = idOrTitle.trim().toLowerCase();
  const titled = (await ctx.store.listStories(userId)).filter((s) => s.title.trim().toLowerCase() === wanted);
  const only = titled.length === 1 ? titled[0] : undefined;
  const story = only ? await ctx.stories.get(userId, only.id) : null;
  if (!story) throw new UserError(NOT_YOURS);
  return story;
}
