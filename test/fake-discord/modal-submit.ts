import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitActionRowComponent,
  type ModalSubmitLabelComponent,
  type ModalSubmitTextDisplayComponent,
} from "discord.js";
import { modalInputs } from "./components.js";
import { asArray, asObject } from "./json.js";

type Submitted = ModalSubmitActionRowComponent | ModalSubmitLabelComponent | ModalSubmitTextDisplayComponent;
type Fields = Readonly<Record<string, string | readonly string[]>>;

/**
 * What the Discord client submits for a modal: the same layout (action rows or labels) with each
 * input's value. It refuses what the client would not let a user submit: unknown fields, a missing
 * required field, or a value outside the input's length limits.
 */
export function buildModalSubmission(
  modal: APIModalInteractionResponseCallbackData | undefined,
  fields: Fields,
): Submitted[] {
  if (!modal) {
    return Object.entries(fields).map(([custom_id, value], i) => ({
      type: ComponentType.ActionRow,
      id: i * 2 + 1,
      components: [{ type: ComponentType.TextInput, id: i * 2 + 2, custom_id, value: String(value) }],
    }));
  }
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
    if (input.type !== ComponentType.TextInput) continue;
    const length = typeof value === "string" ? [...value].length : 0;
    if (input.required && length === 0)
      throw new Error(`fake-discord: modal field "${input.customId}" is required`);
    if (length > 0 && (length < input.minLength || length > input.maxLength)) {
      throw new Error(
        `fake-discord: modal field "${input.customId}" takes ${input.minLength}–${input.maxLength} characters, got ${length}`,
      );
    }
  }
  let nextId = 1;
  const textOrValues = (component: Record<string, unknown>) => {
    const customId = String(component.custom_id);
    const value = fields[customId];
    const id = typeof component.id === "number" ? component.id : nextId++;
    if (component.type === ComponentType.TextInput) {
      return {
        type: ComponentType.TextInput,
        id,
        custom_id: customId,
        value: typeof value === "string" ? value : "",
      };
    }
    return { type: component.type, id, custom_id: customId, values: Array.isArray(value) ? [...value] : [] };
  };
  return modal.components.map((raw): Submitted => {
    const entry = asObject(raw);
    const id = typeof entry.id === "number" ? entry.id : nextId++;
    if (entry.type === ComponentType.ActionRow) {
      const components = asArray(entry.components).map((c) => textOrValues(asObject(c)));
      return { type: ComponentType.ActionRow, id, components } as ModalSubmitActionRowComponent;
    }
    if (entry.type === ComponentType.Label) {
      return {
        type: ComponentType.Label,
        id,
        component: textOrValues(asObject(entry.component)),
      } as ModalSubmitLabelComponent;
    }
    return { type: ComponentType.TextDisplay, id };
  });
}
