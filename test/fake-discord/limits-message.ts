import { MessageFlags } from "discord.js";
import { Check, charCount, type Path } from "./check.js";
import { Errors } from "./errors.js";
import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from "./json.js";
import { checkMessageComponents } from "./limits-components.js";

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
} as const;

export interface MessageCheckOptions {
  /** Where the message sits in the request body: `["data"]` for an interaction callback. */
  base: Path;
  /** A new message must not be empty; an edit may change one field only. */
  creating: boolean;
  fileCount: number;
}

/** Throws the ApiError Discord would answer with, or returns when the message body is acceptable. */
export function assertValidMessage(body: unknown, options: MessageCheckOptions): void {
  const message = asObject(body);
  const check = new Check();
  const at = (...rest: Array<string | number>): Path => [...options.base, ...rest];
  const flags = asNumber(message.flags) ?? 0;
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;

  check.length(at("content"), message.content, 0, LIMITS.content);
  if (v2 && typeof message.content === "string" && message.content !== "") {
    check.add(
      at("content"),
      "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  if (v2 && asArray(message.embeds).length > 0) {
    check.add(
      at("embeds"),
      "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  checkEmbeds(check, message.embeds, at("embeds"));
  checkMessageComponents(check, message.components, at("components"), v2);
  if (check.errors.length > 0) throw Errors.invalidFormBody(check.errors);
  if (options.creating && isEmpty(message, options.fileCount)) throw Errors.emptyMessage();
}

/** An edit that leaves a message with nothing to show is refused as well. */
export function assertNotEmpty(message: JsonObject, fileCount: number): void {
  if (isEmpty(message, fileCount)) throw Errors.emptyMessage();
}

function isEmpty(message: JsonObject, fileCount: number): boolean {
  const has = (key: string) => asArray(message[key]).length > 0;
  const content = asString(message.content) ?? "";
  return (
    content.trim() === "" &&
    !has("embeds") &&
    !has("components") &&
    !has("attachments") &&
    !has("sticker_ids") &&
    message.poll === undefined &&
    fileCount === 0
  );
}

function checkEmbeds(check: Check, value: unknown, path: Path): void {
  check.items(path, value, 0, LIMITS.embeds);
  let total = 0;
  const count = (text: unknown): void => {
    if (typeof text === "string") total += charCount(text);
  };
  asArray(value).forEach((raw, index) => {
    const embed = asObject(raw);
    const at = (...rest: Array<string | number>): Path => [...path, index, ...rest];
    check.length(at("title"), embed.title, 0, LIMITS.embedTitle);
    check.length(at("description"), embed.description, 0, LIMITS.embedDescription);
    check.items(at("fields"), embed.fields, 0, LIMITS.embedFields);
    count(embed.title);
    count(embed.description);
    asArray(embed.fields).forEach((rawField, f) => {
      const field = asObject(rawField);
      if (check.required(at("fields", f, "name"), field.name)) {
        check.length(at("fields", f, "name"), field.name, 1, LIMITS.fieldName);
      }
      if (check.required(at("fields", f, "value"), field.value)) {
        check.length(at("fields", f, "value"), field.value, 1, LIMITS.fieldValue);
      }
      count(field.name);
      count(field.value);
    });
    if (isObject(embed.footer)) {
      check.length(at("footer", "text"), embed.footer.text, 0, LIMITS.footerText);
      count(embed.footer.text);
    }
    if (isObject(embed.author)) {
      check.length(at("author", "name"), embed.author.name, 0, LIMITS.authorName);
      count(embed.author.name);
    }
  });
  if (total > LIMITS.embedTotal) {
    check.add(path, "MAX_EMBED_SIZE_EXCEEDED", `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}
