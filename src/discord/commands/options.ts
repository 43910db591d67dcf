import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  SlashCommandStringOption,
} from "discord.js";
import { LEVEL_ROLES, LEVELS, type Level, LevelSchema } from "../../core/levels.js";
import type { BotContext } from "../context.js";
import { UserError } from "../errors.js";
import { LIMITS, truncate } from "../limits.js";

export const levelOption = (o: SlashCommandStringOption) =>
  o
    .setName("level")
    .setDescription("The role level to practise for")
    .addChoices(...LEVELS.map((l) => ({ name: truncate(`${l} (${LEVEL_ROLES[l]})`, 100), value: l })));

export const focusOption = (o: SlashCommandStringOption) =>
  o.setName("focus").setDescription("A competency to focus on (leave empty for a mix)").setAutocomplete(true);

export function parseLevel(value: string | null, fallback: Level): Level {
  if (value === null) return fallback;
  const parsed = LevelSchema.safeParse(value);
  if (!parsed.success) throw new UserError(`Unknown level "${value}". Pick one of: ${LEVELS.join(", ")}.`);
  return parsed.data;
}

export function parseFocus(value: string | null, ctx: BotContext): string[] {
  if (value === null || value.trim() === "") return [];
  const v = value.trim().toLowerCase();
  const found = ctx.content.bank.competencies.filter(
    (c) => c.id === v || c.id.startsWith(v) || c.name.toLowerCase().includes(v),
  );
  const exact = found.find((c) => c.id === v);
  if (exact) return [exact.id];
  if (found.length === 1 && found[0]) return [found[0].id];
  throw new UserError(
    `No single competency matches "${truncate(value, 50)}". Start typing and pick one from the list.`,
  );
}

/** Suggests competencies matching what the user has typed so far. */
export async function focusAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const choices = ctx.content.bank.competencies
    .filter((c) => !typed || c.id.includes(typed) || c.name.toLowerCase().includes(typed))
    .sort((a, b) => Number(b.id.startsWith(typed)) - Number(a.id.startsWith(typed)))
    .slice(0, LIMITS.choices)
    .map((c) => ({ name: truncate(c.name, 100), value: c.id }));
  await interaction.respond(choices);
}

/** The server's default level, else the bot's. */
export async function defaultLevel(guildId: string | null, ctx: BotContext): Promise<Level> {
  const settings = guildId ? await ctx.store.getGuildSettings(guildId) : null;
  return settings?.defaultLevel ?? ctx.config.DEFAULT_LEVEL;
}

/** The level, focus and answer form that /interview start and /practice ask for. */
export async function practiceChoices(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<{ level: Level; competencies: string[]; structured: boolean }> {
  return {
    level: parseLevel(interaction.options.getString("level"), await defaultLevel(interaction.guildId, ctx)),
    competencies: parseFocus(interaction.options.getString("focus"), ctx),
    structured: interaction.options.getBoolean("structured") ?? false,
  };
}
