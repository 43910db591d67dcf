import { InteractionType, MessageFlags, InteractionResponseType as R } from "discord.js";
import { Check } from "./check.js";
import { Errors } from "./errors.js";
import { asNumber, asObject, type JsonObject } from "./json.js";
import { checkChoices } from "./limits-commands.js";
import { checkModal } from "./limits-components.js";
import { assertValidMessage } from "./limits-message.js";
import { announce, editedMessage } from "./messages.js";
import { componentMessage, responseMessage } from "./response-messages.js";
import { type Deps, ok, type Route } from "./router.js";
import type { CallbackData, InteractionRecord } from "./types.js";

const ALLOWED: Record<InteractionType, readonly R[]> = {
  [InteractionType.Ping]: [R.Pong],
  [InteractionType.ApplicationCommand]: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.Modal,
  ],
  [InteractionType.MessageComponent]: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.DeferredMessageUpdate,
    R.UpdateMessage,
    R.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.DeferredMessageUpdate,
    R.UpdateMessage,
  ],
};

/** `POST /interactions/:id/:token/callback`: the one and only initial response to an interaction. */
export function interactionRoutes({ world, gateway }: Deps): Route[] {
  const callback: Route = {
    method: "POST",
    path: "/interactions/:interactionId/:token/callback",
    auth: false,
    handle: ({ params, query, body, files }) => {
      const record = world.interactions.get(params.interactionId ?? "");
      if (!record || record.token !== params.token) throw Errors.unknownInteraction();
      if (record.callback) throw Errors.alreadyAcknowledged();
      const latencyMs = performance.now() - record.dispatchedAt;
      if (latencyMs > world.config.ackDeadlineMs) {
        throw Errors.unknownInteraction(
          `${record.label} acknowledged after ${Math.round(latencyMs)} ms; Discord allows ${world.config.ackDeadlineMs} ms`,
        );
      }
      const fields = asObject(body);
      const type = asNumber(fields.type) as R;
      const data = asObject(fields.data);
      checkCallback(record, type, data, files.length);

      if (type === R.ChannelMessageWithSource) {
        record.originalMessageId = responseMessage(world, gateway, record, data, files).message.id;
      } else if (type === R.DeferredChannelMessageWithSource) {
        const flags = (asNumber(data.flags) ?? 0) & MessageFlags.Ephemeral;
        const loading = responseMessage(world, gateway, record, { flags }, [], MessageFlags.Loading);
        record.originalMessageId = loading.message.id;
      } else if (type === R.DeferredMessageUpdate || type === R.UpdateMessage) {
        const stored = componentMessage(world, record);
        if (stored) {
          record.originalMessageId = stored.message.id;
          if (type === R.UpdateMessage) {
            stored.message = editedMessage(world, stored.message, data, files);
            announce(gateway, stored, "MESSAGE_UPDATE");
          }
        }
      }
      record.callback = { type, data: data as CallbackData, files, latencyMs };
      if (query.get("with_response") !== "true") return ok();
      const original = record.originalMessageId
        ? world.liveMessage(record.originalMessageId)?.message
        : undefined;
      return ok({
        interaction: {
          id: record.id,
          type: record.type,
          ...(original
            ? {
                response_message_id: original.id,
                response_message_loading: type === R.DeferredChannelMessageWithSource,
                response_message_ephemeral: ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
              }
            : {}),
        },
        resource: { type, ...(original && type !== R.DeferredMessageUpdate ? { message: original } : {}) },
      });
    },
  };
  return [callback];
}

function checkCallback(record: InteractionRecord, type: R, data: JsonObject, fileCount: number): void {
  const fromComponent = record.payload.message !== undefined;
  const updates = type === R.DeferredMessageUpdate || type === R.UpdateMessage;
  if (!ALLOWED[record.type].includes(type) || (updates && !fromComponent)) {
    // Discord's exact wording for this case is not documented; the code and path are what matter.
    const message = `Interaction callback type ${String(type)} is not valid for interaction type ${record.type}`;
    throw Errors.invalidFormBody([{ path: ["type"], code: "INTERACTION_CALLBACK_TYPE_INVALID", message }]);
  }
  if (type === R.ChannelMessageWithSource || type === R.UpdateMessage) {
    assertValidMessage(data, { base: ["data"], creating: type === R.ChannelMessageWithSource, fileCount });
  } else if (type === R.Modal || type === R.ApplicationCommandAutocompleteResult) {
    const check = new Check();
    if (type === R.Modal) checkModal(check, data, ["data"]);
    else checkChoices(check, data.choices, ["data", "choices"]);
    if (check.errors.length > 0) throw Errors.invalidFormBody(check.errors);
  }
}
