import { MessageFlags, InteractionResponseType as R } from "discord.js";
import { Errors } from "./errors.js";
import { asObject, type JsonObject } from "./json.js";
import { assertNotEmpty, assertValidMessage } from "./limits-message.js";
import { announce, editedMessage } from "./messages.js";
import { responseMessage } from "./response-messages.js";
import { type Deps, ok, type Route } from "./router.js";
import type { CallbackData, InteractionRecord } from "./types.js";
import type { StoredMessage } from "./world.js";

/** The interaction webhook: follow-ups, and reading, editing, deleting `@original` and follow-ups. */
export function webhookRoutes({ world, gateway }: Deps): Route[] {
  const interaction = (params: Readonly<Record<string, string>>): InteractionRecord => {
    const record = world.interactionByToken(params.token ?? "");
    if (params.appId !== world.config.applicationId || !record) throw Errors.unknownWebhook();
    return record;
  };
  const target = (record: InteractionRecord, messageId: string | undefined): StoredMessage => {
    const id = messageId === "@original" ? record.originalMessageId : messageId;
    const owned = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    const stored = owned ? world.liveMessage(id) : undefined;
    if (!stored) throw Errors.unknownMessage();
    return stored;
  };
  const path = "/webhooks/:appId/:token/messages/:messageId";

  return [
    {
      method: "POST",
      path: "/webhooks/:appId/:token",
      auth: false,
      handle: ({ params, query, body, files }) => {
        const record = interaction(params);
        if (!record.callback)
          throw Errors.unknownWebhook(`follow-up to ${record.label} before it was acknowledged`);
        assertValidMessage(body, { base: [], creating: true, fileCount: files.length });
        const fields = asObject(body);
        const original = record.originalMessageId ? world.liveMessage(record.originalMessageId) : undefined;
        let stored: StoredMessage;
        if (
          record.callback.type === R.DeferredChannelMessageWithSource &&
          original &&
          ((original.message.flags ?? 0) & MessageFlags.Loading) !== 0
        ) {
          // After a deferral, Discord turns the first follow-up into the deferred "thinking..." message.
          original.message = editedMessage(world, original.message, fields, files);
          record.edits.push({ messageId: original.message.id, body: fields as CallbackData, files });
          announce(gateway, original, "MESSAGE_CREATE");
          stored = original;
        } else {
          stored = responseMessage(world, gateway, record, fields, files);
        }
        record.followUpIds.push(stored.message.id);
        return query.get("wait") === "true" ? ok(stored.message) : ok();
      },
    },
    {
      method: "GET",
      path,
      auth: false,
      handle: ({ params }) => ok(target(interaction(params), params.messageId).message),
    },
    {
      method: "PATCH",
      path,
      auth: false,
      handle: ({ params, body, files }) => {
        const record = interaction(params);
        const stored = target(record, params.messageId);
        assertValidMessage(body, { base: [], creating: false, fileCount: files.length });
        const fields = asObject(body);
        const next = editedMessage(world, stored.message, fields, files);
        assertNotEmpty(next as unknown as JsonObject, 0);
        stored.message = next;
        record.edits.push({ messageId: next.id, body: fields as CallbackData, files });
        announce(gateway, stored, "MESSAGE_UPDATE");
        return ok(next);
      },
    },
    {
      method: "DELETE",
      path,
      auth: false,
      handle: ({ params }) => {
        target(interaction(params), params.messageId).deleted = true;
        return ok();
      },
    },
  ];
}
