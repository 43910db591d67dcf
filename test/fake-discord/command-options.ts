import {
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  ApplicationCommandType,
  type InteractionType,
  ApplicationCommandOptionType as T,
} from "discord.js";
import { apiUser } from "./entities.js";
import type { World } from "./world.js";

export type OptionValue = string | number | boolean;
export type OptionValues = Readonly<Record<string, OptionValue>>;
type DataOption = APIApplicationCommandInteractionDataOption<InteractionType>;

export interface CommandInvocation {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: OptionValues;
}

/** The command as the bot registered it: guild commands first, then global ones. */
export function findCommand(world: World, guildId: string | undefined, name: string) {
  const scopes = guildId !== undefined ? [guildId, "global"] : ["global"];
  for (const scope of scopes) {
    const found = world.commands
      .get(scope)
      ?.find(
        (c) =>
          c.name === name &&
          (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
      );
    if (found) return found;
  }
  return undefined;
}

/**
 * Builds `data.options` the way Discord's client would. When the command is registered, the test's
 * values are checked against its definition (a typo in a test fails loudly instead of silently).
 */
export function buildOptions(
  world: World,
  command: APIApplicationCommand | undefined,
  call: CommandInvocation,
  /** For autocomplete: the option being typed in. Its value is sent as the partial text. */
  focusedOption?: string,
): { options: DataOption[]; resolved: APIInteractionDataResolved | undefined } {
  const values = call.options ?? {};
  const label = [`/${call.name}`, call.subcommandGroup, call.subcommand].filter(Boolean).join(" ");
  let definitions = command?.options;
  if (command && call.subcommandGroup !== undefined)
    definitions = nested(definitions, call.subcommandGroup, T.SubcommandGroup, label);
  if (command && call.subcommand !== undefined)
    definitions = nested(definitions, call.subcommand, T.Subcommand, label);
  if (command && call.subcommand === undefined && definitions?.some((o) => o.type === T.Subcommand)) {
    throw new Error(
      `fake-discord: ${label} needs a subcommand: ${definitions.map((o) => o.name).join(", ")}`,
    );
  }
  const basics = (definitions ?? []) as APIApplicationCommandBasicOption[];
  const resolved: APIInteractionDataResolved = {};
  const options: DataOption[] = Object.entries(values).map(([name, value]) => {
    const definition = basics.find((o) => o.name === name);
    if (command && !definition) {
      throw new Error(
        `fake-discord: ${label} has no option "${name}"; it has: ${basics.map((o) => o.name).join(", ") || "none"}`,
      );
    }
    const focused = focusedOption === name;
    const type = definition?.type ?? inferType(value);
    if (!focused) checkValue(label, name, value, definition);
    if (!focused) resolve(world, type, value, resolved);
    return {
      name,
      type,
      value: focused ? String(value) : value,
      ...(focused ? { focused: true } : {}),
    } as DataOption;
  });
  if (focusedOption === undefined) {
    for (const o of basics) {
      if (o.required && !(o.name in values))
        throw new Error(`fake-discord: ${label} needs option "${o.name}"`);
    }
  } else if (!(focusedOption in values)) {
    throw new Error(
      `fake-discord: the focused option "${focusedOption}" needs a value (the text typed so far)`,
    );
  }
  let wrapped = options;
  if (call.subcommand !== undefined)
    wrapped = [{ name: call.subcommand, type: T.Subcommand, options: wrapped } as DataOption];
  if (call.subcommandGroup !== undefined) {
    wrapped = [{ name: call.subcommandGroup, type: T.SubcommandGroup, options: wrapped } as DataOption];
  }
  return { options: wrapped, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
}

function nested(
  options: APIApplicationCommandOption[] | undefined,
  name: string,
  type: T.Subcommand | T.SubcommandGroup,
  label: string,
): APIApplicationCommandOption[] | undefined {
  const found = options?.find((o) => o.name === name && o.type === type);
  if (!found)
    throw new Error(
      `fake-discord: ${label}: "${name}" is not a registered ${type === T.Subcommand ? "subcommand" : "group"}`,
    );
  return "options" in found ? found.options : undefined;
}

function inferType(value: OptionValue): T {
  if (typeof value === "boolean") return T.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? T.Integer : T.Number;
  return T.String;
}

function checkValue(
  label: string,
  name: string,
  value: OptionValue,
  definition: APIApplicationCommandBasicOption | undefined,
): void {
  if (!definition) return;
  const wanted: Partial<Record<T, string>> = {
    [T.String]: "string",
    [T.Integer]: "number",
    [T.Number]: "number",
    [T.Boolean]: "boolean",
  };
  const type = wanted[definition.type] ?? "string";
  if (typeof value !== type || (definition.type === T.Integer && !Number.isInteger(value))) {
    throw new Error(
      `fake-discord: ${label} option "${name}" is ${T[definition.type]}, got ${JSON.stringify(value)}`,
    );
  }
  const choices = "choices" in definition ? definition.choices : undefined;
  if (choices && choices.length > 0 && !choices.some((c) => c.value === value)) {
    throw new Error(
      `fake-discord: ${label} option "${name}" must be one of ${choices.map((c) => JSON.stringify(c.value)).join(", ")}`,
    );
  }
}

function resolve(world: World, type: T, value: OptionValue, resolved: APIInteractionDataResolved): void {
  const id = String(value);
  if (type === T.User || type === T.Mentionable) {
    const user = world.users.get(id);
    if (user) resolved.users = { ...resolved.users, [id]: apiUser(user) };
  } else if (type === T.Attachment) {
    const attachment = world.uploads.get(id);
    if (attachment) resolved.attachments = { ...resolved.attachments, [id]: attachment };
  } else if (type === T.Channel) {
    const channel = world.channels.get(id);
    if (channel) {
      const entry = { id, type: channel.type, name: channel.name ?? null, permissions: "0" };
      resolved.channels = { ...resolved.channels, [id]: entry as APIInteractionDataResolvedChannel };
    }
  }
}
