import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIMessageComponentInteractionData,
  type APIModalSubmission,
  type APIModalSubmitInteraction,
  ApplicationCommandType,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord.js";
import type { CommandInvocation } from "./command-options.js";
import { apiUser, botPermissions, interactionMember } from "./entities.js";
import { interactionToken, snowflake } from "./ids.js";
import type { FakeUser } from "./types.js";
import type { FakeChannel, GuildState, World } from "./world.js";

/** Who interacts, and where. No guild means a DM with the bot. */
export interface Where {
  user: FakeUser;
  guild: GuildState | undefined;
  channel: FakeChannel;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

function base<Type extends InteractionType>(world: World, where: Where, type: Type) {
  const { user, guild, channel } = where;
  const common = {
    id: snowflake(),
    application_id: world.config.applicationId,
    type,
    token: interactionToken(),
    version: 1 as const,
    channel,
    channel_id: channel.id,
    app_permissions: (guild ? botPermissions(guild) : 0n).toString(),
    locale: user.locale,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (!guild) {
    return {
      ...common,
      user: apiUser(user),
      authorizing_integration_owners: { "1": user.id },
      context: InteractionContextType.BotDM,
    };
  }
  return {
    ...common,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.locale ?? Locale.EnglishUS, features: [] },
    guild_locale: guild.locale,
    member: interactionMember(world, guild, user),
    authorizing_integration_owners: { "0": guild.id },
    context: InteractionContextType.Guild,
  };
}

export interface CommandData {
  commandId: string;
  call: CommandInvocation;
  guildScoped: string | undefined;
  options: APIApplicationCommandInteractionDataOption<InteractionType>[];
  resolved: APIInteractionDataResolved | undefined;
}

function commandData(data: CommandData) {
  return {
    id: data.commandId,
    name: data.call.name,
    type: ApplicationCommandType.ChatInput as const,
    ...(data.guildScoped !== undefined ? { guild_id: data.guildScoped } : {}),
  };
}

export function chatInputPayload(
  world: World,
  where: Where,
  data: CommandData,
): APIChatInputApplicationCommandInteraction {
  const options =
    data.options as APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[];
  return {
    ...base(world, where, InteractionType.ApplicationCommand),
    data: {
      ...commandData(data),
      ...(options.length > 0 ? { options } : {}),
      ...(data.resolved !== undefined ? { resolved: data.resolved } : {}),
    },
  };
}

export function autocompletePayload(
  world: World,
  where: Where,
  data: CommandData,
): APIApplicationCommandAutocompleteInteraction {
  const options =
    data.options as APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[];
  return {
    ...base(world, where, InteractionType.ApplicationCommandAutocomplete),
    data: { ...commandData(data), options },
  };
}

export function componentPayload(
  world: World,
  where: Where,
  message: APIMessage,
  data: APIMessageComponentInteractionData,
): APIMessageComponentInteraction {
  return { ...base(world, where, InteractionType.MessageComponent), message, data };
}

export function modalSubmitPayload(
  world: World,
  where: Where,
  data: APIModalSubmission,
  message: APIMessage | undefined,
): APIModalSubmitInteraction {
  return {
    ...base(world, where, InteractionType.ModalSubmit),
    data,
    ...(message !== undefined ? { message } : {}),
  };
}
