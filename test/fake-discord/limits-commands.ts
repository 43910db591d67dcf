import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import { Check, type Path } from "./check.js";
import { Errors } from "./errors.js";
import { asArray, asNumber, asObject, asString } from "./json.js";

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_CHOICES = 25;
const MAX_OPTIONS = 25;
const MAX_COMMANDS = 100;

/** Bulk command registration: names, descriptions, options and choices within Discord's limits. */
export function assertValidCommands(body: unknown): void {
  const check = new Check();
  const commands = asArray(body);
  if (!Array.isArray(body)) check.add([], "BASE_TYPE_ARRAY", "Must be an array.");
  check.items([], commands, 0, MAX_COMMANDS);
  const names = new Set<string>();
  commands.forEach((raw, index) => {
    const command = asObject(raw);
    const type = asNumber(command.type) ?? ApplicationCommandType.ChatInput;
    const key = `${type}:${String(command.name)}`;
    if (names.has(key))
      check.add(
        [index, "name"],
        "APPLICATION_COMMANDS_DUPLICATE_NAME",
        `Application command names must be unique`,
      );
    names.add(key);
    checkNamed(check, command, [index], type === ApplicationCommandType.ChatInput);
    checkOptions(check, command.options, [index, "options"]);
  });
  if (check.errors.length > 0) throw Errors.invalidFormBody(check.errors);
}

function checkNamed(check: Check, item: Record<string, unknown>, path: Path, slash: boolean): void {
  const name = asString(item.name);
  if (check.required([...path, "name"], name) && name !== undefined) {
    if (slash && (!NAME.test(name) || name !== name.toLowerCase())) {
      check.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", `Command name is invalid`);
    } else check.length([...path, "name"], name, 1, 32);
  }
  if (slash && check.required([...path, "description"], item.description)) {
    check.length([...path, "description"], item.description, 1, 100);
  }
}

function checkOptions(check: Check, value: unknown, path: Path): void {
  check.items(path, value, 0, MAX_OPTIONS);
  let optionalSeen = false;
  const names = new Set<string>();
  asArray(value).forEach((raw, index) => {
    const option = asObject(raw);
    const at: Path = [...path, index];
    const type = asNumber(option.type);
    checkNamed(check, option, at, true);
    const name = String(option.name);
    if (names.has(name))
      check.add([...at, "name"], "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME", "Option names must be unique");
    names.add(name);
    const nested =
      type === ApplicationCommandOptionType.Subcommand ||
      type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      checkOptions(check, option.options, [...at, "options"]);
      return;
    }
    if (option.required === true && optionalSeen) {
      check.add(
        [...at, "required"],
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        "Required options must be placed before non-required options",
      );
    }
    if (option.required !== true) optionalSeen = true;
    if (option.autocomplete === true && asArray(option.choices).length > 0) {
      check.add(
        [...at, "autocomplete"],
        "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE",
        "Autocomplete and choices are mutually exclusive",
      );
    }
    checkChoices(check, option.choices, [...at, "choices"]);
  });
}

/** Choices, in a command option or in an autocomplete result: at most 25, names 1–100, values ≤ 100. */
export function checkChoices(check: Check, value: unknown, path: Path): void {
  check.items(path, value, 0, MAX_CHOICES);
  asArray(value).forEach((raw, index) => {
    const choice = asObject(raw);
    if (check.required([...path, index, "name"], choice.name)) {
      check.length([...path, index, "name"], choice.name, 1, 100);
    }
    if (choice.value === undefined) check.required([...path, index, "value"], choice.value);
    check.length([...path, index, "value"], choice.value, 1, 100);
  });
}
