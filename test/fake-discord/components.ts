import {
  type APIButtonComponent,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { asArray, asObject, asString, type JsonObject } from "./json.js";

/** Every component in a message or modal, depth first: rows, containers, sections and their accessories. */
export function allComponents(container: { components?: readonly unknown[] | undefined }): JsonObject[] {
  const found: JsonObject[] = [];
  const walk = (raw: unknown): void => {
    const component = asObject(raw);
    found.push(component);
    for (const child of asArray(component.components)) walk(child);
    if (component.component !== undefined) walk(component.component);
    if (component.accessory !== undefined) walk(component.accessory);
  };
  for (const raw of container.components ?? []) walk(raw);
  return found;
}

export interface ButtonSummary {
  label: string | undefined;
  customId: string | undefined;
  style: ButtonStyle;
  disabled: boolean;
  url: string | undefined;
}

export function buttons(message: APIMessage): ButtonSummary[] {
  return allComponents(message)
    .filter((c) => c.type === ComponentType.Button)
    .map((c) => ({
      label: asString(c.label),
      customId: asString(c.custom_id),
      style: c.style as ButtonStyle,
      disabled: c.disabled === true,
      url: asString(c.url),
    }));
}

export type ButtonQuery = string | { customId: string } | { label: string };

/** A button by label or custom_id (a string matches either); the error lists what the message has. */
export function findButton(message: APIMessage, query: ButtonQuery): APIButtonComponent {
  const matches = (c: JsonObject): boolean => {
    if (c.type !== ComponentType.Button) return false;
    if (typeof query === "string") return c.label === query || c.custom_id === query;
    return "customId" in query ? c.custom_id === query.customId : c.label === query.label;
  };
  const found = allComponents(message).find(matches);
  if (!found) {
    const have = buttons(message).map((b) => `${b.label ?? "(no label)"} [${b.customId ?? b.url}]`);
    throw new Error(
      `fake-discord: no button ${JSON.stringify(query)} on message ${message.id}; it has: ${have.join(", ") || "no buttons"}`,
    );
  }
  return found as unknown as APIButtonComponent;
}

export function findSelect(message: APIMessage, customId: string): JsonObject & { type: ComponentType } {
  const found = allComponents(message).find(
    (c) => c.custom_id === customId && c.type !== ComponentType.Button,
  );
  if (!found) throw new Error(`fake-discord: no select menu "${customId}" on message ${message.id}`);
  return found as JsonObject & { type: ComponentType };
}

export function isClickable(button: APIButtonComponent): boolean {
  return (
    button.style !== ButtonStyle.Link && button.style !== ButtonStyle.Premium && button.disabled !== true
  );
}

/** All the text a user would read: content, embed titles, descriptions, fields, footers, text displays. */
export function messageText(message: APIMessage): string {
  const parts: string[] = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.author?.name ?? "", embed.title ?? "", embed.description ?? "");
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
    parts.push(embed.footer?.text ?? "");
  }
  for (const c of allComponents(message))
    if (c.type === ComponentType.TextDisplay) parts.push(asString(c.content) ?? "");
  return parts.filter((p) => p !== "").join("\n");
}

/** The text inputs of a modal, with the limits the Discord client enforces before submitting. */
export interface ModalInput {
  customId: string;
  type: ComponentType;
  required: boolean;
  minLength: number;
  maxLength: number;
}

export function modalInputs(modal: APIModalInteractionResponseCallbackData): ModalInput[] {
  return allComponents(modal)
    .filter((c) => typeof c.custom_id === "string")
    .map((c) => ({
      customId: String(c.custom_id),
      type: c.type as ComponentType,
      required: c.required !== false,
      minLength: typeof c.min_length === "number" ? c.min_length : 0,
      maxLength: typeof c.max_length === "number" ? c.max_length : 4000,
    }));
}
