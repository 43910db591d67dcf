import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type CommandInteractionOption,
  ComponentType,
  type Interaction,
  type ModalSubmitInteraction,
} from "discord.js";
import { UserError } from "./errors.js";

/**
 * What Discord's own client can send, by Discord's documented limits. A real user can never go beyond
 * them, so anything that does comes from a modified client: it is refused before any work is done on
 * it (grading, storing), and never echoed back.
 */
export const INBOUND_LIMITS = {
  customId: 100,
  /** A modal has 1 to 5 top-level components, each one text input here. */
  modalComponents: 5,
  textInput: 4000,
  stringOption: 6000,
  selectValues: 25,
  selectValue: 100,
} as const;

/** A field outside Discord's limits: shown to the user, never with the field's value. */
export class InboundLimitError extends UserError {
  constructor(
    message: string,
    /** For the log: which field, how long or large it was, and the limit. Never the value. */
    readonly detail: { field: string; size?: number; limit?: number },
  ) {
    super(message);
  }
}

/** Whether `s` has more than `max` characters (code points), without copying a long string. */
export function exceeds(s: string, max: number): boolean {
  if (s.length <= max) return false;
  // A code point takes one or two UTF-16 units.
  if (s.length > max * 2) return true;
  let count = 0;
  for (const _ of s) if (++count > max) return true;
  return false;
}

const below = (s: string, min: number): boolean => s.length < min || Array.from(s).length < min;

function checkCustomId(customId: string, field: string): void {
  if (customId.length > INBOUND_LIMITS.customId)
    throw new InboundLimitError("That button or form is not valid. Start again with a command.", {
      field,
      size: customId.length,
      limit: INBOUND_LIMITS.customId,
    });
}

function checkModal(interaction: ModalSubmitInteraction): void {
  checkCustomId(interaction.customId, "custom_id");
  const fields = interaction.fields;
  if (
    fields.components.length > INBOUND_LIMITS.modalComponents ||
    fields.fields.size > INBOUND_LIMITS.modalComponents
  )
    throw new InboundLimitError(
      "That form has more fields than Discord allows. Start again with a command.",
      {
        field: "components",
        size: Math.max(fields.components.length, fields.fields.size),
        limit: INBOUND_LIMITS.modalComponents,
      },
    );
  for (const [customId, field] of fields.fields) {
    checkCustomId(customId, "field custom_id");
    if (field.type !== ComponentType.TextInput) continue;
    if (exceeds(field.value, INBOUND_LIMITS.textInput))
      throw new InboundLimitError(
        `That text is longer than Discord allows (${INBOUND_LIMITS.textInput.toLocaleString("en-US")} characters a field), so nothing was saved or graded.`,
        { field: customId, size: field.value.length, limit: INBOUND_LIMITS.textInput },
      );
  }
}

/** A form field's value within the form's own limit (e.g. 1,000 for each S/T/A/R part). */
export function fieldWithin(interaction: ModalSubmitInteraction, customId: string, max: number): string {
  const value = interaction.fields.getTextInputValue(customId);
  if (exceeds(value, max))
    throw new InboundLimitError(
      `That text is longer than this form allows (${max.toLocaleString("en-US")} characters), so nothing was saved or graded.`,
      { field: customId, size: value.length, limit: max },
    );
  return value;
}

function checkSelect(values: readonly string[]): void {
  if (
    values.length > INBOUND_LIMITS.selectValues ||
    values.some((v) => v.length > INBOUND_LIMITS.selectValue)
  )
    throw new InboundLimitError("That menu choice is not valid. Open the menu again.", {
      field: "values",
      size: values.length,
      limit: INBOUND_LIMITS.selectValues,
    });
}

type OptionDefinition = APIApplicationCommandOption & {
  options?: APIApplicationCommandOption[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ value: string | number }>;
};

function outOfRange(name: string, definition: OptionDefinition): InboundLimitError {
  const min = definition.min_value;
  const max = definition.max_value;
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`;
  return new InboundLimitError(`The option "${name}" must be a whole number ${range}.`, { field: name });
}

/**
 * Checks each option the user gave against the registered definition: numbers within min/max (and whole
 * where the option is an integer), strings within their length, values among the choices. An option the
 * definition does not know is only held to Discord's general limits (a registration can lag the code).
 */
function checkOptions(
  given: readonly CommandInteractionOption[],
  definitions: readonly APIApplicationCommandOption[] | undefined,
): void {
  for (const option of given) {
    const definition = definitions?.find((d) => d.name === option.name) as OptionDefinition | undefined;
    if (option.options) {
      checkOptions(option.options, definition?.options);
      continue;
    }
    const value = option.value;
    if (typeof value === "string") {
      const max = option.focused
        ? INBOUND_LIMITS.stringOption
        : (definition?.max_length ?? INBOUND_LIMITS.stringOption);
      if (exceeds(value, max))
        throw new InboundLimitError(`The option "${option.name}" is too long (at most ${max} characters).`, {
          field: option.name,
          size: value.length,
          limit: max,
        });
    }
    if (!definition || option.focused) continue;
    if (typeof value === "number") {
      const integer = definition.type === ApplicationCommandOptionType.Integer;
      if (
        !Number.isFinite(value) ||
        (integer && !Number.isSafeInteger(value)) ||
        (definition.min_value !== undefined && value < definition.min_value) ||
        (definition.max_value !== undefined && value > definition.max_value)
      )
        throw outOfRange(option.name, definition);
    }
    if (
      typeof value === "string" &&
      definition.min_length !== undefined &&
      below(value, definition.min_length)
    )
      throw new InboundLimitError(
        `The option "${option.name}" is too short (at least ${definition.min_length} characters).`,
        { field: option.name },
      );
    const choices = definition.choices;
    if (value !== undefined && choices && choices.length > 0 && !choices.some((c) => c.value === value))
      throw new InboundLimitError(`Pick "${option.name}" from the list.`, { field: option.name });
  }
}

/**
 * Refuses an interaction that carries anything a real Discord client cannot send: a custom id over 100
 * characters, a modal field over 4,000, more than five fields, an option outside its registered range,
 * length or choices. Runs before anything else looks at the interaction's data.
 */
export function checkInbound(
  interaction: Interaction,
  commandOptions: (name: string) => readonly APIApplicationCommandOption[] | undefined,
): void {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    checkOptions(interaction.options.data, commandOptions(interaction.commandName));
    return;
  }
  if (interaction.isModalSubmit()) {
    checkModal(interaction);
    return;
  }
  if (interaction.isMessageComponent()) {
    checkCustomId(interaction.customId, "custom_id");
    if (interaction.isAnySelectMenu()) checkSelect(interaction.values);
  }
}
