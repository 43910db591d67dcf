import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitActionRowComponent,
  type ModalSubmitComponent,
  type ModalSubmitLabelComponent,
  type ModalSubmitTextDisplayComponent,
} from "discord.js";
import { allComponents, modalInputs } from "./components.js";
import { asArray, asObject, type JsonObject } from "./json.js";

type Submitted = ModalSubmitActionRowComponent | ModalSubmitLabelComponent | ModalSubmitTextDisplayComponent;
/** A text input's text; a select's, file upload's or checkbox group's values; a radio's value; a checkbox. */
export type ModalFieldValue = string | boolean | readonly string[];
type Fields = Readonly<Record<string, ModalFieldValue>>;

/**
 * What the Discord client submits for a modal: the same layout (labels, or the older action rows) with
 * each input's value, every component numbered as Discord numbers them. It refuses what the client
 * would not let a user submit: unknown fields, a missing required field, or text outside the input's
 * length limits.
 *
 * Without a modal (a forged submission), each field comes back in a Label, as Discord sends the
 * current form of modals.
 */
export function buildModalSubmission(
  modal: APIModalInteractionResponseCallbackData | undefined,
  fields: Fields,
): Submitted[] {
  if (!modal) {
    return Object.entries(fields).map(([custom_id, value], i) => ({
      type: ComponentType.Label,
      id: i * 2 + 1,
      component: {
        type: ComponentType.TextInput,
        id: i * 2 + 2,
        custom_id,
        value: Array.isArray(value) ? value.join() : String(value),
      },
    }));
  }
  checkFields(modal, fields);
  const nextId = idGenerator(modal);
  const idOf = (component: JsonObject): number =>
    typeof component.id === "number" && component.id !== 0 ? component.id : nextId();
  const submitted = (component: JsonObject): ModalSubmitComponent => {
    const id = idOf(component);
    const custom_id = String(component.custom_id);
    const value = fields[custom_id];
    switch (component.type) {
      case ComponentType.TextInput:
        return {
          type: ComponentType.TextInput,
          id,
          custom_id,
          value: typeof value === "string" ? value : "",
        };
      case ComponentType.RadioGroup:
        return {
          type: ComponentType.RadioGroup,
          id,
          custom_id,
          value: typeof value === "string" ? value : null,
        };
      case ComponentType.Checkbox:
        return { type: ComponentType.Checkbox, id, custom_id, value: value === true };
      default:
        return {
          type: component.type as ComponentType.StringSelect,
          id,
          custom_id,
          values: Array.isArray(value) ? [...value] : [],
        };
    }
  };
  // Depth first, as Discord numbers components: a label, then what it holds.
  return modal.components.map((raw): Submitted => {
    const entry = asObject(raw);
    const id = idOf(entry);
    if (entry.type === ComponentType.Label) {
      return { type: ComponentType.Label, id, component: submitted(asObject(entry.component)) };
    }
    if (entry.type === ComponentType.ActionRow) {
      const components = asArray(entry.components).map((c) => submitted(asObject(c)));
      return { type: ComponentType.ActionRow, id, components } as ModalSubmitActionRowComponent;
    }
    return { type: ComponentType.TextDisplay, id };
  });
}

/** Ids 1, 2, 3… for components the bot left without one, skipping any id the bot gave (0 is none). */
function idGenerator(modal: APIModalInteractionResponseCallbackData): () => number {
  const taken = new Set(
    allComponents(modal).flatMap((c) => (typeof c.id === "number" && c.id !== 0 ? [c.id] : [])),
  );
  let next = 1;
  return () => {
    while (taken.has(next)) next += 1;
    taken.add(next);
    return next;
  };
}

function checkFields(modal: APIModalInteractionResponseCallbackData, fields: Fields): void {
  const inputs = modalInputs(modal);
  for (const key of Object.keys(fields)) {
    if (!inputs.some((i) => i.customId === key)) {
      throw new Error(
        `fake-discord: modal "${modal.custom_id}" has no field "${key}"; it has: ${inputs.map((i) => i.customId).join(", ")}`,
      );
    }
  }
  for (const input of inputs) {
    const value = fields[input.customId];
    if (input.type === ComponentType.Checkbox) continue;
    if (input.type !== ComponentType.TextInput) {
      const empty = value === undefined || (Array.isArray(value) && value.length === 0);
      if (input.required && empty)
        throw new Error(`fake-discord: modal field "${input.customId}" is required`);
      continue;
    }
    const length = typeof value === "string" ? [...value].length : 0;
    if (input.required && length === 0)
      throw new Error(`fake-discord: modal field "${input.customId}" is required`);
    if (length > 0 && (length < input.minLength || length > input.maxLength)) {
      throw new Error(
        `fake-discord: modal field "${input.customId}" takes ${input.minLength}–${input.maxLength} characters, got ${length}`,
      );
    }
  }
}
